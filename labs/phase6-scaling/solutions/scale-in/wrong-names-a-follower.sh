# Plausible wrong answer: does both runs right, but names a node that does not
# lead the shard as its leader.
set -euo pipefail
source "$SOLUTION_DIR/find-nodes.sh"
source "$SOLUTION_DIR/under-traffic.sh" kill kill "${followers[0]}" 2
source "$SOLUTION_DIR/under-traffic.sh" drain stop "${followers[1]}" 1
LEADER=$follower_node source "$SOLUTION_DIR/write-answers.sh"
