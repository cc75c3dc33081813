# Reads why Milvus quit, records the store's refusal, and starts Milvus with
# the rotated keys. Wrong answers: RESTART_ONLY starts it as it was,
# ROLL_BACK puts the old keys back on the store.
docker compose ps --all standalone
log=$(docker compose logs --no-log-prefix standalone)
grep -m1 'DataNode quit now' <<< "$log" | cut -c1-200 || true
error=$(grep -m1 'Access Key Id' <<< "$log" | sed -E 's/.*\[error="([^"]*)"\].*/\1/')
printf 'error = "%s"\n' "$error" > diagnosis.toml
cat diagnosis.toml
key() { python -c "import tomllib; print(tomllib.load(open('rotation.toml', 'rb'))['$1'])"; }
if [ -n "${ROLL_BACK:-}" ]; then
    export OBJECT_STORE_ACCESS_KEY=minioadmin OBJECT_STORE_SECRET_KEY=minioadmin
    docker compose up --detach --wait minio
elif [ -z "${RESTART_ONLY:-}" ]; then
    export MINIO_ACCESS_KEY_ID=$(key access_key) MINIO_SECRET_ACCESS_KEY=$(key secret_key)
fi
if [ -n "${RESTART_ONLY:-}" ]; then
    # With the old keys it never turns healthy; give it the time a learner would.
    docker compose up --detach standalone
    sleep 15
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
    python count.py || echo "count.py failed: Milvus is not serving"
else
    docker compose up --detach --wait standalone
    # A recreated Milvus publishes a new port.
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
    python count.py
fi
