# Plausible wrong answer: the right job in the file, but Prometheus never
# reads the learner's folder.
set -euo pipefail
SKIP_MOUNT=1 source "$SOLUTION_DIR/scrape.sh"
