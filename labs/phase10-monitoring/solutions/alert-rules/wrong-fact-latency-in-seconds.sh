# Plausible wrong answer: "above 1 second" written as > 1, but the histogram
# is in milliseconds, so the alert fires on every healthy search.
set -euo pipefail
SLOW_EXPR='histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_sq_latency_bucket{query_type="search"}[5m]))) > 1' \
    source "$SOLUTION_DIR/write-rules.sh"
