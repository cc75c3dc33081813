# Plausible wrong answer: root's password rotated, authorization never turned
# on, so the server checks nobody's password.
set -euo pipefail
AUTH_WRONG=keep-auth-off bash "$SOLUTION_DIR/solve.sh"
