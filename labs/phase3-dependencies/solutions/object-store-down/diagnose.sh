# Reads the failing request out of Milvus' log and records what it names.
# 2.3.5 logs, for a bucket that exists:
#   [error="Head \"http://minio:9011/a-bucket/\": dial tcp 192.168.176.2:9011: connect: connection refused"]
set -euo pipefail
# Milvus logs the first refusal a few seconds after it starts. The whole log is
# read before grep: grep -m1 in a pipe would cut Compose off (SIGPIPE).
for _ in $(seq 60); do
    log=$(docker compose logs --no-log-prefix standalone 2>&1)
    line=$(grep -m1 -o 'http://[^"\\]*\\*": dial tcp [^"\\]*' <<< "$log" || true)
    [ -n "$line" ] && break
    sleep 1
done
echo "Milvus' log: $line"
address=$(sed -E 's|.*http://([^/]+)/.*|\1|' <<< "$line")
reason=$(sed -E 's|.*: ([^:]+)$|\1|' <<< "$line")
printf 'address = "%s"\nreason = "%s"\n' "$address" "$reason" > diagnosis.toml
cat diagnosis.toml
