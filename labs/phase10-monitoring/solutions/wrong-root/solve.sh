# Reference solution: the collections are under the old root; Milvus goes
# back to it.
set -euo pipefail
source "$SOLUTION_DIR/diagnose-and-fix.sh"
