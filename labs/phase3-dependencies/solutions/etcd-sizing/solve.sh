# Reference solution: count the keys and read the database size with etcdctl.
set -euo pipefail
source "$SOLUTION_DIR/record-findings.sh"
cat etcd-size.toml
