# Plausible wrong answer: counts the lines of `get --prefix` without --keys-only,
# so every value (and every line break inside a value) counts as a key. Runs
# on the solved lab: it only rewrites etcd-size.toml.
set -euo pipefail
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
lines=$(etcdctl get --prefix by-dev/meta/ | wc -l)
sed -i "s/^meta_keys = .*/meta_keys = $lines/" etcd-size.toml
