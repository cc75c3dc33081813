# Plausible wrong answer: restarts and loads right, but records the segments it
# expected from the arithmetic (20000 / 16131 rounds up to 2) instead of those
# the server lists.
set -euo pipefail
export SEGMENT_MAX_SIZE_MB=8 SEGMENT_SEAL_PROPORTION=0.12
docker compose up --detach --wait standalone
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python load.py
printf 'flushed_segments = 2\n' > segments.toml
