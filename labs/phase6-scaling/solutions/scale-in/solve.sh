# Reference solution: find the shard leader, kill one of the other nodes
# under traffic, then stop (drain) the last other node under traffic, and
# keep the leader.
set -euo pipefail
source "$SOLUTION_DIR/find-nodes.sh"
source "$SOLUTION_DIR/under-traffic.sh" kill kill "${followers[0]}" 2
source "$SOLUTION_DIR/under-traffic.sh" drain stop "${followers[1]}" 1
LEADER=$leader source "$SOLUTION_DIR/write-answers.sh"
