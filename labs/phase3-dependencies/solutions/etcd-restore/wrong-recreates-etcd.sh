# Plausible wrong answer: takes a good snapshot, then recreates the etcd
# container instead of losing it. The data never left the volume, so every row
# is there, but the snapshot was never restored or tested.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
docker compose up --detach --wait --force-recreate etcd
docker compose up --detach --wait standalone
