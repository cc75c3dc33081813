# Plausible wrong answer: removes the dead etcd2 and carries on with two
# members, whose quorum is two: the next loss stops etcd.
set -euo pipefail
REMOVE_ONLY=1 source "$SOLUTION_DIR/replace-member.sh"
