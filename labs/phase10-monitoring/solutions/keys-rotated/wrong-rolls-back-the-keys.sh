# Plausible wrong answer: puts the old keys back on the store, so Milvus
# works again and the revoked keys are valid once more.
set -euo pipefail
ROLL_BACK=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
