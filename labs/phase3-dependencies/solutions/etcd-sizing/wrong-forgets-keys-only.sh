# Plausible wrong answer: counts the lines of `get --prefix` without --keys-only,
# so every value (and every line break inside a value) counts as a key.
set -euo pipefail
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
META_KEYS_OVERRIDE=$(etcdctl get --prefix by-dev/meta/ | wc -l) source "$SOLUTION_DIR/record-findings.sh"
