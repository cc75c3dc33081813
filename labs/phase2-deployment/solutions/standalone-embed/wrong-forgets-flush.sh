# Plausible wrong answer: inserts but never flushes, so the rows stay in a growing
# segment and no binlog is recorded in etcd; the answers are right.
set -euo pipefail
sed '/client.flush/d' "$SOLUTION_DIR/embed.py" > embed.py
python embed.py
source "$SOLUTION_DIR/record-findings.sh"
