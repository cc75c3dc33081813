# Plausible wrong answer: restores etcd under a running Milvus, which keeps the
# empty catalogue it loaded from the lost etcd.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
bash lose-etcd.sh
docker compose stop etcd
docker compose run --rm --no-deps -v "$PWD/backup:/backup" --entrypoint etcdutl etcd \
    snapshot restore /backup/meta.db --data-dir /etcd/restored
export ETCD_DATA_DIR=/etcd/restored
docker compose up --detach --wait --no-deps etcd
