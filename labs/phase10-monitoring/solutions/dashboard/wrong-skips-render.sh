# Plausible wrong answer: the right queries, never rendered into a page.
set -euo pipefail
SKIP_RENDER=1 source "$SOLUTION_DIR/panels.sh"
