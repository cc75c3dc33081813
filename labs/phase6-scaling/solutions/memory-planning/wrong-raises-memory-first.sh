# Plausible wrong answer: gives the node memory before ever loading, so it
# never sees the refusal the lesson is about, and copies the figures.
set -euo pipefail
source "$SOLUTION_DIR/give-memory.sh"
source "$SOLUTION_DIR/write-plan.sh"
