# Reference solution: read the error, point Milvus at the object store's real
# address (the minio service listens on 9000), and prove the data is there.
set -euo pipefail
source "$SOLUTION_DIR/diagnose.sh"
export MINIO_ADDRESS=minio:9000
docker compose up --detach --wait standalone
# The restart moved the ports; `cargo xtask env` prints them, and so does Compose.
MILVUS_URI="http://$(docker compose port standalone 19530)" python "$SOLUTION_DIR/../shared/count-rows.py"
