# Plausible wrong answer: a right diagnosis, and Milvus left stopped.
set -euo pipefail
LEAVE_DOWN=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
