# Plausible wrong answer: etcd's snapshot and Milvus' volume, but not the
# bucket, as if etcd held the data. Milvus knows every segment and finds none.
set -euo pipefail
SKIP=bucket bash "$SOLUTION_DIR/solve.sh"
