# Reference solution: traffic runs, a third query node joins without
# touching the running ones, and traffic goes on until the new node serves.
set -euo pipefail
RECREATE=--no-recreate source "$SOLUTION_DIR/add-node-under-traffic.sh"
