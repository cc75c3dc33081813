# Plausible wrong answer: copies only the insert logs, as if deletes were applied to
# them. The 100 deleted rows come back.
set -euo pipefail
COPIED_LOGS=insert_log bash "$SOLUTION_DIR/solve.sh"
