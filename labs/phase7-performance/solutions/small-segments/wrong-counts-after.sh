# Plausible wrong answer: the right actions, and the segment count read after
# the compaction (1) recorded as the count before it.
set -euo pipefail
SEGMENTS_BEFORE_OVERRIDE=1 bash "$SOLUTION_DIR/solve.sh"
