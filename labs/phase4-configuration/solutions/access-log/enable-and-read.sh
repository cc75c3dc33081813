# Turns the access log on (read at start: a restart with the variable), runs
# the failing report, and records the failed line's fields.
if [ -z "${SKIP_ENABLE:-}" ]; then
    export ACCESS_LOG_ENABLED=true
    docker compose up --detach --wait standalone
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
fi
python report.py
line=$(docker compose logs --no-log-prefix standalone | grep -F '[ACCESS]' | grep -F '[status: Failed]' | grep -F '[collection: events]' | tail -1 || true)
echo "access log: $line"
method=$(sed -E 's/.*\[ACCESS\] <[^>]*> ([A-Za-z]+) .*/\1/' <<< "$line")
code=$(sed -E 's/.*\[code: ([0-9]+)\].*/\1/' <<< "$line")
[ -n "$line" ] || { method=query; code=$(python report.py | sed -E 's/.*code=([0-9]+).*/\1/'); }
printf 'method = "%s"\ncode = %s\ncollection = "events"\n' "$method" "${code:-0}" > access.toml
cat access.toml
