# etcdctl from the etcd image, against the lab's etcd.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
revision() { etcdctl endpoint status -w json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])'; }
record_error() {
    python try-ddl.py | tee ddl.out
    printf 'error = "%s"\n' "$(sed -n 's/^failed: code=[0-9]* message=//p' ddl.out)" > nospace.toml
}
