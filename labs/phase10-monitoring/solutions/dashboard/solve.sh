# Reference solution: a rate, a quantile by `le`, and two gauges, each of
# job "milvus"; rendered after a load run.
set -euo pipefail
source "$SOLUTION_DIR/panels.sh"
