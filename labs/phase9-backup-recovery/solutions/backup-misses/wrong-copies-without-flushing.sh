# Plausible wrong answer: pauses writes and copies the segments the server
# lists, without a flush first. The rows written since the last flush are in
# a growing segment, which no listing of flushed segments names.
set -euo pipefail
SKIP_FLUSH=1 bash "$SOLUTION_DIR/solve.sh"
