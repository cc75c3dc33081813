# Restore into a new stack: etcd from the snapshot into a data dir of its new
# volume, the bucket through S3, Milvus' volume filled before Milvus first
# starts. ETCD_DATA_DIR is part of the stack's configuration from now on.
docker compose run --rm --no-deps -v "$PWD/backup:/backup" --entrypoint etcdutl etcd \
    snapshot restore /backup/etcd.db --data-dir /etcd/restored
export ETCD_DATA_DIR=/etcd/restored
docker compose up --detach --wait etcd minio
if [ -d backup/bucket ]; then
    S3_ENDPOINT="http://$(docker compose port minio 9000)" python bucket.py load backup/bucket
fi
docker compose create standalone
if [ -d backup/milvus ]; then
    docker compose cp backup/milvus/. standalone:/var/lib/milvus
fi
docker compose up --detach --wait standalone
