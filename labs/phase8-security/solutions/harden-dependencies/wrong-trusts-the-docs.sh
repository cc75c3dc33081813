# Plausible wrong answer: the actions are right, but the answers name the
# switches of the current docs (2.6), which this version does not have.
set -euo pipefail
ANSWERS=docs bash "$SOLUTION_DIR/solve.sh"
