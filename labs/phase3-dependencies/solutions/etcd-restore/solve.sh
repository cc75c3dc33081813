# Reference solution: snapshot, lose etcd, restore, restart, and verify.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
bash lose-etcd.sh
source "$SOLUTION_DIR/restore.sh"
# The restart moved the ports; `cargo xtask env` prints them, and so does Compose.
MILVUS_URI="http://$(docker compose port standalone 19530)" python "$SOLUTION_DIR/../shared/count-rows.py"
