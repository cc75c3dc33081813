# Plausible wrong answer: answers right and writes, but stops writing before
# killing the data node, so nothing shows what the queue does for a channel
# nobody consumes.
set -euo pipefail
source "$SOLUTION_DIR/steps.sh"
killed=$(consumer_of v0)
answer "$(idle_data_node)"
start_writer
sleep 5
stop_writer
docker kill "$(container_of "$killed")"
wait_for_takeover "$killed"
