# etcd's snapshot into backup/ in the lab folder, as your own user.
mkdir -p backup
docker run --rm --network host --user "$(id -u):$(id -g)" -v "$PWD/backup:/backup" "$ETCD_IMAGE" \
    etcdctl --endpoints="$ETCDCTL_ENDPOINTS" snapshot save /backup/etcd.db
