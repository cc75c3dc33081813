# Plausible wrong answer: the client certificate signed by a second CA made
# for clients, which the server was never told to trust.
set -euo pipefail
CLIENT_CA=other bash "$SOLUTION_DIR/solve.sh"
