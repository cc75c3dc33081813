# Plausible wrong answer: Search and Query granted on "*", as many examples
# do; analyst can now read payroll too.
set -euo pipefail
GRANT_SCOPE='*' bash "$SOLUTION_DIR/solve.sh"
