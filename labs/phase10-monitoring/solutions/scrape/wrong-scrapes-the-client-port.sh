# Plausible wrong answer: the port clients connect to, 19530, which serves
# gRPC and REST but no /metrics.
set -euo pipefail
TARGET=standalone:19530 source "$SOLUTION_DIR/scrape.sh"
