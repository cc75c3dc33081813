# Reference solution: see the error, find what filled etcd, delete it, compact,
# defragment, disarm, and prove Milvus writes again.
set -euo pipefail
source "$SOLUTION_DIR/etcdctl.sh"
etcdctl alarm list
etcdctl endpoint status -w table
record_error
etcdctl get --prefix --keys-only "" | sed 's|/.*||' | sort | uniq -c
etcdctl del --prefix runaway-job/
etcdctl compact "$(revision)"
etcdctl defrag
etcdctl alarm disarm
python try-ddl.py
cat nospace.toml
