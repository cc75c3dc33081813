# Plausible wrong answer: sets the limit in milvus.yaml, the file everyone knows,
# and restarts Milvus; the environment's 2048 still overrides the file.
set -euo pipefail
docker compose exec -T standalone sed -i 's/^  maxDimension: .*/  maxDimension: 1024/' /milvus/configs/milvus.yaml
docker compose restart standalone
docker compose up --detach --wait standalone
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python probe.py 1025
WINNER=yaml source "$SOLUTION_DIR/read-layers.sh"
