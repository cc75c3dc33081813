# Plausible wrong answer: localhost:9091, as on the host, but inside its
# container `localhost` is Prometheus itself.
set -euo pipefail
TARGET=localhost:9091 source "$SOLUTION_DIR/scrape.sh"
