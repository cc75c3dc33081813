# Reference solution: restart Milvus with the smaller segments (read at start
# only), load, and record the segments load.py lists.
set -euo pipefail
export SEGMENT_MAX_SIZE_MB=8 SEGMENT_SEAL_PROPORTION=0.12
docker compose up --detach --wait standalone
export MILVUS_URI="http://$(docker compose port standalone 19530)"
source "$SOLUTION_DIR/load-and-record.sh"
