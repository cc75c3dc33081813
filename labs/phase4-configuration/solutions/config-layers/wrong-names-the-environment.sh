# Plausible wrong answer: makes the limit effective through etcd, but records
# the environment as the layer that wins, since it overrode the yaml.
set -euo pipefail
docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" \
    put by-dev/config/proxy/maxDimension 1024
source "$SOLUTION_DIR/wait-for-limit.sh"
WINNER=environment source "$SOLUTION_DIR/read-layers.sh"
