# Plausible wrong answer: takes "create it again at Strong" literally and drops
# orders without copying them: the read-your-write works, the 500 orders are gone.
set -euo pipefail
ORDERS=empty python "$SOLUTION_DIR/fix.py"
source "$SOLUTION_DIR/record.sh"
