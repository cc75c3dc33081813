# Plausible wrong answer: back up, then restore over the stack that still has
# its volumes. Every row is there, because nothing was ever lost.
set -euo pipefail
source "$SOLUTION_DIR/backup.sh"
source "$SOLUTION_DIR/restore.sh"
MILVUS_URI="http://$(docker compose port standalone 19530)" python count.py
