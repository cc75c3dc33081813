# What a learner types: curl for health and metrics, etcdctl for the sessions.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
state=$(curl -fsS -H 'Content-Type: application/json' "$MILVUS_HTTP/healthz" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])')
proxy_key=$(etcdctl get --prefix --keys-only by-dev/meta/session/ | grep '/session/proxy')
session=$(etcdctl get "$proxy_key" --print-value-only)
port=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["Address"].rsplit(":", 1)[1])' "$session")
version=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["Version"])' "$session")
metrics=$(curl -fsS "$MILVUS_HTTP/metrics")
if grep -q '^milvus_build_info' <<<"$metrics"; then build_info=present; else build_info=absent; fi
cat > map.toml <<ANSWERS
healthz_state = "$state"
proxy_session = "$proxy_key"
proxy_internal_port = $port
session_version = "$version"
build_info_metric = "$build_info"
ANSWERS
