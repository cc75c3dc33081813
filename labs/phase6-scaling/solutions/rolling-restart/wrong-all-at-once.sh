# Plausible wrong answer: restarts every Milvus process at once under
# traffic (one `docker compose restart`), waits until all are healthy, and
# names the query nodes as the costly restart.
set -euo pipefail
source "$SOLUTION_DIR/roll.sh"
start_traffic
docker compose restart mixcoord indexnode datanode querynode proxy
docker compose up --detach --wait --no-recreate
wait_whole 10
stop_traffic
echo 'costly_restart = "querynode"' > answers.toml
