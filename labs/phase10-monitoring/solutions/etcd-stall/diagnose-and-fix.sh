# Reads why Milvus exited, records the dependency (etcd) and its error, and
# starts Milvus again unless LEAVE_DOWN.
docker compose ps --all standalone
log=$(docker compose logs --no-log-prefix standalone)
grep -m3 -E 'session key is deleted|lease not found' <<< "$log" | cut -c1-200 || true
error=$(grep -m1 'lease not found' <<< "$log" | sed -E 's/.*\[error="([^"]*)"\].*/\1/')
printf 'dependency = "%s"\nerror = "%s"\n' etcd "$error" > diagnosis.toml
cat diagnosis.toml
if [ -z "${LEAVE_DOWN:-}" ]; then
    docker compose up --detach --wait standalone
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
    python count.py
fi
