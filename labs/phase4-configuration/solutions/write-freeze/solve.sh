# Reference solution: freeze, observe the refusal and a read, lift, observe writes.
set -euo pipefail
source "$SOLUTION_DIR/window.sh"
