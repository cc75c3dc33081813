# Plausible wrong answer: authorization on, and root still logs in with the
# password every Milvus tutorial prints.
set -euo pipefail
NEW_PASSWORD=Milvus bash "$SOLUTION_DIR/solve.sh"
