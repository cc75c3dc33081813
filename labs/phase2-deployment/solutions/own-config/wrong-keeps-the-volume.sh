# Plausible wrong answer: recreates Milvus but never on a new volume, so it
# never sees what only the volume held.
set -euo pipefail
KEEP_VOLUME=1 source "$SOLUTION_DIR/own-config.sh"
