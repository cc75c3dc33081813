# Reference solution: probe the limit the environment sets, read the layers,
# put the new limit in etcd (live, and over the environment), and probe again.
set -euo pipefail
python probe.py 2048
python probe.py 2049
docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" \
    put by-dev/config/proxy/maxDimension 1024
source "$SOLUTION_DIR/wait-for-limit.sh"
python probe.py 1024
source "$SOLUTION_DIR/read-layers.sh"
