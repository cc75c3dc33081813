# Cold backup: Milvus stopped, so nothing is in flight; then etcd's snapshot,
# the bucket through S3, and Milvus' own volume (rocksmq, its WAL).
mkdir -p backup
docker compose stop standalone
docker run --rm --network host --user "$(id -u):$(id -g)" -v "$PWD/backup:/backup" "$ETCD_IMAGE" \
    etcdctl --endpoints="$ETCDCTL_ENDPOINTS" snapshot save /backup/etcd.db
if [ "${SKIP:-}" != bucket ]; then
    python bucket.py save backup/bucket
fi
if [ "${SKIP:-}" != wal ]; then
    docker compose cp standalone:/var/lib/milvus backup/milvus
fi
