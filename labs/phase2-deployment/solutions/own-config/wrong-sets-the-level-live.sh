# Plausible wrong answer: sets the level through the HTTP API, so it holds
# until the next restart, and no file says so.
set -euo pipefail
LIVE_ONLY=1 source "$SOLUTION_DIR/own-config.sh"
