# Plausible wrong answer: deletes the filler and compacts, but never defragments,
# so the database file keeps its size and stays over the quota.
set -euo pipefail
source "$SOLUTION_DIR/etcdctl.sh"
record_error
etcdctl del --prefix runaway-job/
etcdctl compact "$(revision)"
etcdctl alarm disarm
