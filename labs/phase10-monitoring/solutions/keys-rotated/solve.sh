# Reference solution: the log names the store's refusal; Milvus gets the
# rotated keys and replays what it could not flush.
set -euo pipefail
source "$SOLUTION_DIR/diagnose-and-fix.sh"
