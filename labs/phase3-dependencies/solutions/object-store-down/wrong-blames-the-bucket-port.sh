# Plausible wrong answer: the fix is right, but the diagnosis names the port of
# the object store's console instead of the one Milvus tried.
set -euo pipefail
ADDRESS_OVERRIDE=minio:9001 source "$SOLUTION_DIR/diagnose.sh"
export MINIO_ADDRESS=minio:9000
docker compose up --detach --wait standalone
