# Reference solution: measure what a copy of the flushed segments would miss,
# then take the backup that misses nothing: pause writes, flush, copy and
# restore into the target, resume writes.
set -euo pipefail
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
python segments.py orders | tee before.txt
rows=$(awk '/^rows/ {print $2}' before.txt)
flushed=$(awk '/^partition/ {sum += $6} END {print sum}' before.txt)
echo "unflushed_rows = $((rows - flushed))" > backup.toml
cat backup.toml
etcdctl put by-dev/config/quotaAndLimits/limitWriting/forceDeny true
if [ -z "${SKIP_FLUSH:-}" ]; then
    python -c 'import os; from pymilvus import MilvusClient; MilvusClient(uri=os.environ["MILVUS_URI"]).flush("orders")'
fi
bash "$SOLUTION_DIR/../copy-and-restore.sh"
if [ -z "${KEEP_PAUSED:-}" ]; then
    etcdctl del by-dev/config/quotaAndLimits/limitWriting/forceDeny
fi
