# Plausible wrong answer: loads first and changes the segment size afterwards;
# the data already sits in one big segment, which a new maxSize never splits.
set -euo pipefail
source "$SOLUTION_DIR/load-and-record.sh"
export SEGMENT_MAX_SIZE_MB=8 SEGMENT_SEAL_PROPORTION=0.12
docker compose up --detach --wait standalone
