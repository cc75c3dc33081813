# Plausible wrong answer: compact by hand and leave the switch off, so the
# next backfill piles up small segments again.
set -euo pipefail
SEGMENTS_WRONG=auto-compaction-off bash "$SOLUTION_DIR/solve.sh"
