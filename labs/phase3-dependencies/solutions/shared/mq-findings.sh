# What a learner types to fill mq.toml: which queue Milvus uses (metrics on
# 2.5+, its start log on 2.3), the retention the deployment gives each topic
# (the environment of the service that applies it), and the sizing at 4 MB/s.
set -euo pipefail
queue=$(curl -s "$MILVUS_HTTP/metrics" | grep '^milvus_runtime_info{' | grep -o 'mq="[a-z]*"' | cut -d'"' -f2 || true)
if [ -z "$queue" ]; then
    # Read the whole log first: grep -m1 in a pipe would cut Compose off (SIGPIPE).
    log=$(docker compose logs standalone)
    queue=$(grep -o -m1 'mqType=[a-z]*' <<< "$log" | cut -d= -f2)
fi
echo "Milvus writes its log to $queue"
env_of() { docker compose exec -T "$1" printenv "$2"; }
case "$queue" in
    rocksmq) minutes=$(env_of standalone ROCKSMQ_RETENTIONTIMEINMINUTES); mb=$(env_of standalone ROCKSMQ_RETENTIONSIZEINMB) ;;
    kafka)
        minutes=$(env_of kafka KAFKA_LOG_RETENTION_MINUTES)
        bytes=$(env_of kafka KAFKA_LOG_RETENTION_BYTES)
        mb=$(( bytes < 0 ? 0 : bytes / 1048576 )) ;;
    pulsar) minutes=$(env_of pulsar defaultRetentionTimeInMinutes); mb=$(env_of pulsar defaultRetentionSizeInMB) ;;
esac
rate=4
survives=$minutes
if [ "$mb" -gt 0 ] && [ $(( mb / rate / 60 )) -lt "$minutes" ]; then survives=$(( mb / rate / 60 )); fi
cat > mq.toml <<ANSWERS
queue = "$queue"
retention_minutes = ${MINUTES_OVERRIDE:-$minutes}
retention_mb = ${MB_OVERRIDE:-$mb}
survives_minutes = ${SURVIVES_OVERRIDE:-$survives}
ANSWERS
cat mq.toml
