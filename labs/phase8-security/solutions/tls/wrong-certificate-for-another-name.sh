# Plausible wrong answer: the certificate names the host's internal name,
# not the one clients dial (localhost), so no client can verify it.
set -euo pipefail
SERVER_NAME_ANSWER=milvus.internal bash "$SOLUTION_DIR/solve.sh"
