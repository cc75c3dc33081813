# Reference solution: a job `milvus` on the service's metrics port, the
# folder mounted into Prometheus, and the rate asked for under load.
set -euo pipefail
source "$SOLUTION_DIR/scrape.sh"
