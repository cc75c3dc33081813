# Plausible wrong answer: does both runs right, but names a node that does not
# lead the shard as its leader. Runs on the solved lab: it only rewrites
# answers.toml.
set -euo pipefail
follower_node=$(grep -v "leads the shard" nodes.txt | grep " node " | tail -n 1 | sed -E 's/.* node ([0-9]+) .*/\1/')
LEADER=$follower_node source "$SOLUTION_DIR/write-answers.sh"
