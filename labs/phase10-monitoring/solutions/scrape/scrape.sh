# Adds a job `milvus` for TARGET (the metrics port of the service, by its
# name on the stack's network), mounts the folder into Prometheus unless
# SKIP_MOUNT is set, makes some load and asks Prometheus for the rate.
cat >> prometheus/prometheus.yml <<YAML
  - job_name: milvus
    static_configs:
      - targets: ["${TARGET:-standalone:9091}"]
YAML
if [ -z "${SKIP_MOUNT:-}" ]; then
    export PROMETHEUS_CONFIG_DIR=$PWD/prometheus
    docker compose up --detach --wait prometheus
fi
prometheus="http://$(docker compose port prometheus 9090)"
python load.py 6
sleep 3
curl -s "$prometheus/api/v1/query" --data-urlencode 'query=up{job="milvus"}'
echo
