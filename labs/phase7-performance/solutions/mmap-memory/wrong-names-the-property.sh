# Plausible wrong answer: the right restart, and the newer docs' switch named
# as the one that did it.
set -euo pipefail
SWITCH_ANSWER=mmap.enabled bash "$SOLUTION_DIR/solve.sh"
