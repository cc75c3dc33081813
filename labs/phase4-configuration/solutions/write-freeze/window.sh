# The maintenance window as a learner runs it: freeze writes in etcd, see the
# refusal and a read, lift the freeze (unless KEEP_FROZEN), see writes return.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
# Runs try-write.py until its write line matches $1 (an etcd change needs a few seconds).
until_write() {
    for _ in $(seq 30); do
        out=$(python try-write.py)
        echo "$out"
        case $out in *"write: $1"*) return 0 ;; esac
        sleep 1
    done
    return 1
}
etcdctl put by-dev/config/quotaAndLimits/limitWriting/forceDeny true
until_write refused
error=$(sed -n 's/^write: refused: //p' <<< "$out")
rows=$(sed -n 's/^rows: //p' <<< "$out")
if [ -z "${KEEP_FROZEN:-}" ]; then
    etcdctl del by-dev/config/quotaAndLimits/limitWriting/forceDeny
    until_write accepted
fi
printf 'write_error = "%s"\nrows_read_during_window = %s\n' "$error" "$rows" > window.toml
cat window.toml
