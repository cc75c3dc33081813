# Plausible wrong answer: alerts on the failure counter itself, which never
# goes down: one failed request keeps the alert firing for good.
set -euo pipefail
FAILING_EXPR='sum(milvus_proxy_req_count{status="fail"}) > 0' source "$SOLUTION_DIR/write-rules.sh"
