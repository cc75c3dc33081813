# Plausible wrong answer: restarts Milvus, which reads the same empty root.
set -euo pipefail
RESTART_ONLY=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
