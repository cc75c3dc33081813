# Plausible wrong answer: restarts every Milvus process at once under
# traffic (one `docker compose restart`), waits until all are healthy, and
# names the query nodes as the costly restart.
set -euo pipefail
source "$SOLUTION_DIR/roll.sh"
start_traffic
docker compose restart mixcoord indexnode datanode querynode proxy
docker compose up --detach --wait --no-recreate
# Seen in CI: after a restart of everything the coordinator may not load
# catalog again by itself; the learner loads it (a no-op when loaded).
MILVUS_URI="http://$(docker compose port proxy 19530)" python - <<'PY'
import os
from pymilvus import MilvusClient
MilvusClient(uri=os.environ["MILVUS_URI"], timeout=60).load_collection("catalog", replica_number=2)
PY
wait_whole 10
stop_traffic
echo 'costly_restart = "querynode"' > answers.toml
