# Reference solution: size the data, load at the lab's limit and read the
# refusal, give the query node the memory the plan needs, and load.
set -euo pipefail
source "$SOLUTION_DIR/try-load.sh"
source "$SOLUTION_DIR/give-memory.sh"
source "$SOLUTION_DIR/write-plan.sh"
