# Plausible wrong answer: does everything, but sizes the vectors as rows ×
# dimensions bytes, forgetting that a float32 takes 4.
set -euo pipefail
source "$SOLUTION_DIR/try-load.sh"
source "$SOLUTION_DIR/give-memory.sh"
RAW_MIB=20 source "$SOLUTION_DIR/write-plan.sh"
