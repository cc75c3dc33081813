# Plausible wrong answer: the copy is right, the restore keeps the old name, so
# the clients that expect `orders_v2` on cluster B find nothing.
set -euo pipefail
COPY_BUCKET=b-bucket bash "$SOLUTION_DIR/../copy-and-restore.sh"
