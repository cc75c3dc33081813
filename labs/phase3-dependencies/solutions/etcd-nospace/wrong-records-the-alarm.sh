# Plausible wrong answer: frees the space correctly, but records the alarm that
# `etcdctl alarm list` shows instead of the error Milvus' client got, which is
# what a learner sees first and searches for.
set -euo pipefail
source "$SOLUTION_DIR/etcdctl.sh"
alarm=$(etcdctl alarm list | head -1)
etcdctl del --prefix runaway-job/
etcdctl compact "$(revision)"
etcdctl defrag
etcdctl alarm disarm
printf 'error = "%s"\n' "$alarm" > nospace.toml
cat nospace.toml
