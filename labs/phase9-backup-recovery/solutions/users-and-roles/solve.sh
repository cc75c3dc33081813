# Reference solution: snapshot etcd, lose the users, restore the snapshot with
# Milvus stopped, and compare who may do what before and after.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
python access.py | tee before.txt
python lose-users.py
# Milvus and etcd stopped; the snapshot restored into a new data dir in etcd's
# volume, which every later `docker compose` command must see.
docker compose stop standalone etcd
docker compose run --rm --no-deps -v "$PWD/backup:/backup" --entrypoint etcdutl etcd \
    snapshot restore /backup/etcd.db --data-dir /etcd/restored
export ETCD_DATA_DIR=/etcd/restored
docker compose up --detach --wait etcd standalone
# The restart moved the ports; `cargo xtask env` prints them, and so does Compose.
MILVUS_URI="http://$(docker compose port standalone 19530)" python access.py | tee after.txt
diff before.txt after.txt
