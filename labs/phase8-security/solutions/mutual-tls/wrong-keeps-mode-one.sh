# Plausible wrong answer: client certificates made, but the server left at
# tlsMode 1, which never asks for them.
set -euo pipefail
TLS_MODE_ANSWER=1 bash "$SOLUTION_DIR/solve.sh"
