# Plausible wrong answer: opens the window and records it well, but never lifts
# the freeze: the cluster stays read-only after the maintenance.
set -euo pipefail
KEEP_FROZEN=1 source "$SOLUTION_DIR/window.sh"
