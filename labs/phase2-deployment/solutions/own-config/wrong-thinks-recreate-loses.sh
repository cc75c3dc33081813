# Plausible wrong answer: does everything, but records that a recreated
# container lost the unflushed rows, as if the log lived in the container.
set -euo pipefail
RECREATE_LOSES=1 source "$SOLUTION_DIR/own-config.sh"
