# Plausible wrong answer: a complete backup, and the application still cannot
# write: the pause (forceDeny) is never lifted.
set -euo pipefail
KEEP_PAUSED=1 bash "$SOLUTION_DIR/solve.sh"
