# Plausible wrong answer: a right diagnosis, then more patience for the build.
set -euo pipefail
WAIT_ONLY=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
