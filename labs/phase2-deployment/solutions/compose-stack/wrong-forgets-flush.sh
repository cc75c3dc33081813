# Plausible wrong answer: never flushes, so no binlog reaches the bucket (its count of
# 0 objects is then true, but the data is not durable).
set -euo pipefail
sed '/client.flush/d' "$SOLUTION_DIR/stack.py" > stack.py
source "$SOLUTION_DIR/record-findings.sh"
