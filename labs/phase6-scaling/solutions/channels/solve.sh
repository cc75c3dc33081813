# Reference solution: find who consumes and leads v0, predict that the idle
# data node takes it over, kill v0's data node while writer.py inserts, and
# keep writing until the idle node has taken v0.
set -euo pipefail
source "$SOLUTION_DIR/steps.sh"
killed=$(consumer_of v0)
answer "$(idle_data_node)"
start_writer
docker kill "$(container_of "$killed")"
wait_for_takeover "$killed"
sleep 3
stop_writer
