# Plausible wrong answer: fixes all three, but reads both "collection not
# loaded" errors as the same cause and swaps reviews and catalog in the answers.
set -euo pipefail
python "$SOLUTION_DIR/fix.py"
REVIEWS="no index" CATALOG="not loaded" source "$SOLUTION_DIR/record.sh"
