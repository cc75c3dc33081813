# Plausible wrong answer: a good snapshot, and nothing else. Every user is
# still there, so everything looks right, but the drill never happened.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
