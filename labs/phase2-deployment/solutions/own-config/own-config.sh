# Writes drafts (not flushed), then recreates Milvus with a copy of
# milvus.yaml that sets log.level: warn, on the same volume (drafts kept),
# then on a new volume (drafts gone). Wrong answers: LIVE_ONLY recreates
# without the file and sets the level through the HTTP API; KEEP_VOLUME
# never replaces the volume.
uri() { export MILVUS_URI="http://$(docker compose port standalone 19530)" MILVUS_HTTP="http://$(docker compose port standalone 9091)"; }
python drafts.py
if [ -z "${LIVE_ONLY:-}" ]; then
    docker compose cp standalone:/milvus/configs/milvus.yaml milvus.yaml
    # `level` under the top-level `log:` section only.
    sed -i '/^log:/,/^[^ ]/ s/^  level: .*/  level: warn/' milvus.yaml
    grep -A2 '^log:' milvus.yaml
    # 2.3 reads only milvus.yaml: the copy replaces the image's whole.
    export MILVUS_CONFIG_FILE="$PWD/milvus.yaml" MILVUS_CONFIG_MOUNT=/milvus/configs/milvus.yaml
    docker compose up --detach --wait standalone
else
    docker compose up --detach --wait --force-recreate standalone
fi
uri
curl -s "$MILVUS_HTTP/log/level"; echo
after_recreate=$(python drafts.py --count)
if [ -z "${KEEP_VOLUME:-}" ]; then
    docker compose rm --stop --force standalone
    docker volume rm "${COMPOSE_PROJECT_NAME}_milvus"
    docker compose up --detach --wait standalone
    uri
fi
after_new_volume=$(python drafts.py --count)
if [ -n "${LIVE_ONLY:-}" ]; then
    curl -s -X PUT -H 'Content-Type: application/json' -d '{"level":"warn"}' "$MILVUS_HTTP/log/level"; echo
fi
printf 'drafts_after_recreate = %s\ndrafts_after_new_volume = %s\n' "$after_recreate" "$after_new_volume" > volume.toml
cat volume.toml
