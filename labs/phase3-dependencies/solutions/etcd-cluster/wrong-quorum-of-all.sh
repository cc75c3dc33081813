# Plausible wrong answer: replaces the member right but believes every
# member must be up (quorum 3, no failure tolerated).
set -euo pipefail
QUORUM_OF_ALL=1 source "$SOLUTION_DIR/replace-member.sh"
