# Restore: Milvus and etcd stopped, the snapshot restored into a fresh data dir
# inside etcd's volume, etcd started on that dir, then Milvus. The data dir is
# part of the deployment's configuration from now on: every later `docker
# compose` command must see it, or Compose recreates etcd on the old one.
docker compose stop standalone etcd
docker compose run --rm --no-deps -v "$PWD/backup:/backup" --entrypoint etcdutl etcd \
    snapshot restore /backup/meta.db --data-dir /etcd/restored ${RESTORE_FLAGS:-}
export ETCD_DATA_DIR=/etcd/restored
docker compose up --detach --wait etcd standalone
