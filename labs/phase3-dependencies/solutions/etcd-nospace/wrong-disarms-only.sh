# Plausible wrong answer: disarms the alarm without freeing any space; the next
# write that does not fit raises it again.
set -euo pipefail
source "$SOLUTION_DIR/etcdctl.sh"
record_error
etcdctl alarm disarm
