# Plausible wrong answer: the right actions, and the belief that every
# operation on a released collection fails, writes included.
set -euo pipefail
NEEDS_LOAD_OVERRIDE='"count", "delete_by_id", "get", "insert", "query", "search"' bash "$SOLUTION_DIR/solve.sh"
