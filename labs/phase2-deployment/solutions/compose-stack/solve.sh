# Reference solution: look at the stack, write and flush the data, and record what
# the object store and Compose show.
set -euo pipefail
docker compose ps
cp "$SOLUTION_DIR/stack.py" stack.py
source "$SOLUTION_DIR/record-findings.sh"
cat compose.toml
