# Plausible wrong answer: lifts the freeze and never loads the collection.
set -euo pipefail
SKIP_LOAD=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
