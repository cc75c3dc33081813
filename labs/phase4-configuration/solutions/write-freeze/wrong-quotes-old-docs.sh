# Plausible wrong answer: runs the window right, but records the refusal as
# older docs quote it instead of the message the server returned.
set -euo pipefail
ERROR_OVERRIDE="access has been disabled by the administrator" source "$SOLUTION_DIR/window.sh"
