# Plausible wrong answer: the queries of the upstream Grafana dashboard as
# they are, filtering on the labels Kubernetes adds and on Grafana's
# variables; this stack has neither.
set -euo pipefail
filter='app_kubernetes_io_instance=~"$instance", app_kubernetes_io_name="$app_name", namespace="$namespace"'
REQUESTS="sum(rate(milvus_proxy_req_count{$filter,status=\"success\"}[2m]))"
LATENCY="histogram_quantile(0.99, sum by (le, query_type, pod, node_id) (rate(milvus_proxy_sq_latency_bucket{$filter}[2m])))"
MEMORY="process_resident_memory_bytes{$filter}"
SEGMENTS="sum(milvus_datacoord_segment_num{$filter,segment_state=\"Flushed\"})"
source "$SOLUTION_DIR/panels.sh"
