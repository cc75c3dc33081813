# Plausible wrong answer: removes the second node the same way as the first,
# with docker kill, so nothing hands its segments over.
set -euo pipefail
source "$SOLUTION_DIR/find-nodes.sh"
source "$SOLUTION_DIR/under-traffic.sh" kill kill "${followers[0]}" 2
source "$SOLUTION_DIR/under-traffic.sh" drain kill "${followers[1]}" 1
LEADER=$leader source "$SOLUTION_DIR/write-answers.sh"
