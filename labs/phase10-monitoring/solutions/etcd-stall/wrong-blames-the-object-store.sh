# Plausible wrong answer: brings Milvus back, but blames the object store.
set -euo pipefail
DEPENDENCY="object store" source "$SOLUTION_DIR/diagnose-and-fix.sh"
