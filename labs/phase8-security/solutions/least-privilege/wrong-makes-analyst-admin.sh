# Plausible wrong answer: "it kept saying permission deny", so analyst got
# the built-in admin role.
set -euo pipefail
ANALYST_ROLE=admin bash "$SOLUTION_DIR/solve.sh"
