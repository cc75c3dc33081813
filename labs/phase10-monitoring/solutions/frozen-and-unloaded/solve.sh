# Reference solution: two refusals, two causes: load the collection and
# lift the freeze.
set -euo pipefail
source "$SOLUTION_DIR/diagnose-and-fix.sh"
