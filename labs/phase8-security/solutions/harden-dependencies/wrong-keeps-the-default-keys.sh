# Plausible wrong answer: etcd hardened, the object store left with the keys
# every Milvus tutorial prints (minioadmin).
set -euo pipefail
KEYS_ANSWER=default bash "$SOLUTION_DIR/solve.sh"
