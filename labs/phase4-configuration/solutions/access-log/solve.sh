# Reference solution: restart Milvus with the access log on, make the report
# fail again, and read the failed request's line.
set -euo pipefail
source "$SOLUTION_DIR/enable-and-read.sh"
