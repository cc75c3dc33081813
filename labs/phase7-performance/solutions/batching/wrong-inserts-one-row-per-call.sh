# Plausible wrong answer: batches for searches, but rows written one per call
# ("each event as it arrives"), so the insert side keeps every round trip.
set -euo pipefail
INSERT_BATCH=1 bash "$SOLUTION_DIR/solve.sh"
