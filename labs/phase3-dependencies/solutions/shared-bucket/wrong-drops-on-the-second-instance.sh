# Plausible wrong answer: both instances have an `events` collection, and this
# drops the second instance's, whose data was not to be touched.
set -euo pipefail
timeout 60 python "$SOLUTION_DIR/drop.py" MILVUS2_URI || true
