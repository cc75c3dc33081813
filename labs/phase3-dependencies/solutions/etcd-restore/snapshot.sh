# Take the snapshot with etcdctl, into backup/ in the lab folder.
mkdir -p backup
docker run --rm --network host -v "$PWD/backup:/backup" "$ETCD_IMAGE" \
    etcdctl --endpoints="$ETCDCTL_ENDPOINTS" snapshot save /backup/meta.db
