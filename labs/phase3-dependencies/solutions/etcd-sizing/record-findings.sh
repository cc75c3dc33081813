# What a learner types: etcdctl from the etcd image, against the lab's etcd.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
etcdctl endpoint status -w table
meta=$(etcdctl get --prefix --keys-only by-dev/meta/ | grep -c .)
segments=$(etcdctl get --prefix --keys-only by-dev/meta/datacoord-meta/s/ | grep -c .)
size=$(etcdctl endpoint status -w json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Status"]["dbSize"])')
cat > etcd-size.toml <<ANSWERS
meta_keys = $meta
segment_keys = $segments
db_size_bytes = $size
ANSWERS
