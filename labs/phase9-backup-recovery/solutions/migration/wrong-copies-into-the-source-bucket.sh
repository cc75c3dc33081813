# Plausible wrong answer: the copy goes where the logical restore put it, into
# the source's bucket. Cluster B reads its own bucket: the import finds nothing.
set -euo pipefail
TARGET_NAME=orders_v2 bash "$SOLUTION_DIR/../copy-and-restore.sh"
