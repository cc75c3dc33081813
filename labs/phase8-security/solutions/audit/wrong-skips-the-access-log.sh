# Plausible wrong answer: the traffic runs with the access log still off
# (upstream's default), so there is nothing to read and the answer is a guess.
set -euo pipefail
ACCESS_LOG_ANSWER=off READING=guess bash "$SOLUTION_DIR/solve.sh"
