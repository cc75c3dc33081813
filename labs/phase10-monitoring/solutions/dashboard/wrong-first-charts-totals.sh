# Plausible wrong answer: the request counter as it is (a total since start,
# not a rate), and a quantile over a sum that dropped the `le` label.
set -euo pipefail
REQUESTS='sum(milvus_proxy_req_count{job="milvus",status="success"})'
LATENCY='histogram_quantile(0.99, sum(rate(milvus_proxy_sq_latency_bucket{job="milvus",query_type="search"}[1m])))'
source "$SOLUTION_DIR/panels.sh"
