# Plausible wrong answer: never flushes, so nothing is sealed into the bucket;
# the counts it records are true, but the data is not durable yet.
set -euo pipefail
sed '/client.flush/d' "$SOLUTION_DIR/trail.py" > trail.py
source "$SOLUTION_DIR/record-findings.sh"
