# Plausible wrong answer: the right actions, and count(*) (4000, what queries
# see) recorded as what storage held before compaction.
set -euo pipefail
ROWS_BEFORE_OVERRIDE=4000 bash "$SOLUTION_DIR/solve.sh"
