# Plausible wrong answer: takes a good snapshot and stops there; nothing was
# lost, so nothing looks wrong, but the drill never happened.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
