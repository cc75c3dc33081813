# Reference solution: copy the segments `orders` serves into cluster B's own
# bucket, and restore them there under the new name.
set -euo pipefail
COPY_BUCKET=b-bucket TARGET_NAME=orders_v2 bash "$SOLUTION_DIR/../copy-and-restore.sh"
