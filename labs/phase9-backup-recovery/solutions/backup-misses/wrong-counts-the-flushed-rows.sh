# Plausible wrong answer: records the rows in flushed segments (what the copy
# holds) as the rows the copy misses.
set -euo pipefail
ANSWER=flushed bash "$SOLUTION_DIR/solve.sh"
