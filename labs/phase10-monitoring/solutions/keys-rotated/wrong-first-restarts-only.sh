# Plausible wrong answer: starts Milvus again as it was, with the revoked keys.
set -euo pipefail
RESTART_ONLY=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
