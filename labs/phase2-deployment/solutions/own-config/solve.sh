# Reference solution: the whole milvus.yaml mounted with log.level: warn;
# drafts survive a recreation on the volume and are gone on a new volume.
set -euo pipefail
source "$SOLUTION_DIR/own-config.sh"
