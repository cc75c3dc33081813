# Plausible wrong answer: a correct diagnosis, then a restart that changes
# nothing: the same wrong address, the same refusal.
set -euo pipefail
source "$SOLUTION_DIR/diagnose.sh"
docker compose restart standalone
