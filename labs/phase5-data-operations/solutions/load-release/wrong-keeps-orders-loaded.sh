# Plausible wrong answer: the archive is released, but orders stays loaded
# whole, 2025 included, although queries only read 2026.
set -euo pipefail
LOAD_WRONG=keep-orders bash "$SOLUTION_DIR/solve.sh"
