# Reference solution: back up cold, lose everything, restore, count.
set -euo pipefail
source "$SOLUTION_DIR/backup.sh"
bash lose-everything.sh
source "$SOLUTION_DIR/restore.sh"
MILVUS_URI="http://$(docker compose port standalone 19530)" python count.py
