# Plausible wrong answer: the time-tick metric of newer docs, which 2.3 does
# not export, so the alert can never fire.
set -euo pipefail
STALLED_EXPR='max(milvus_rootcoord_time_tick_delay) > 30000' source "$SOLUTION_DIR/write-rules.sh"
