# Plausible wrong answer: makes the collections again on the new root, empty.
set -euo pipefail
RECREATE=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
