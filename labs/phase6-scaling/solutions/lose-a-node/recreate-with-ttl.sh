# Recreates every Milvus process with common.session.ttl = $SESSION_TTL_SECONDS,
# then points MILVUS_URI and METRICS_MIXCOORD_1 at the new containers' ports
# (what `eval "$(cargo xtask env)"` does for a learner).
docker compose up --detach --wait
MILVUS_URI="http://$(docker compose port proxy 19530)"
METRICS_MIXCOORD_1="http://$(docker compose port mixcoord 9091)/metrics"
export MILVUS_URI METRICS_MIXCOORD_1
