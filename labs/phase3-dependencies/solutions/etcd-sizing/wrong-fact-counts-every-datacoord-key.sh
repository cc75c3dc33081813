# Plausible wrong answer: counts everything under datacoord-meta/ as segments,
# binlog, statslog and checkpoint keys included. Runs on the solved lab: it
# only rewrites etcd-size.toml.
set -euo pipefail
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
segments=$(etcdctl get --prefix --keys-only by-dev/meta/datacoord-meta/ | grep -c .)
sed -i "s/^segment_keys = .*/segment_keys = $segments/" etcd-size.toml
