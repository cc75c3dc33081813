# Reference solution: the leases Milvus keeps in etcd expired; start it again.
set -euo pipefail
source "$SOLUTION_DIR/diagnose-and-fix.sh"
