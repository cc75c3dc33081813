# What the reference scripts share (source it): the backup, where the old
# version keeps its message log, and the upgrade itself.

# An etcd snapshot while Milvus runs, then, with the standalone stopped, a
# copy of its volume: segments, indexes and the message log.
back_up() {
    mkdir -p backup
    docker run --rm --network host --user "$(id -u):$(id -g)" -v "$PWD/backup:/backup" "$ETCD_IMAGE" \
        etcdctl --endpoints="$ETCDCTL_ENDPOINTS" snapshot save /backup/pre-upgrade.db
    docker compose stop standalone
    rm -rf backup/volume
    docker compose cp standalone:/var/lib/milvus backup/volume
    ls backup/volume
}

# rocksmq.path in the running (old) version's milvus.yaml.
old_message_log() {
    docker compose cp standalone:/milvus/configs/milvus.yaml old.yaml
    awk '/^rocksmq:/ { inside = 1 } inside && $1 == "path:" { print $2; exit }' old.yaml
}

# The standalone recreated on the profile's image, on the same volume, with
# upgrade.env in its environment; then books read once it is loaded again.
upgrade() {
    export MILVUS_ENV_FILE="$PWD/upgrade.env" MILVUS_RUN_IMAGE="$MILVUS_IMAGE"
    docker compose up --detach --wait standalone
    MILVUS_URI="http://$(docker compose port standalone 19530)"
    export MILVUS_URI
    python books.py --wait
}
