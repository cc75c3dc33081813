# Puts the two settings in etcd and probes until each takes effect, as a
# learner reruns try-settings.py. SKIP_AUTH: a wrong answer that believes
# authorization needs a restart and leaves it.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
until_shows() {
    for _ in $(seq 20); do
        out=$(python try-settings.py)
        echo "$out"
        grep -q "$1" <<< "$out" && return 0
        sleep 1
    done
    return 1
}
etcdctl put by-dev/config/proxy/minPasswordLength 8
until_shows 'password of 7: refused'
if [ -z "${SKIP_AUTH:-}" ]; then
    etcdctl put by-dev/config/common/security/authorizationEnabled true
    until_shows 'no credentials: refused'
fi
