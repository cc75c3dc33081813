# Plausible wrong answer: reads the right lines but leaves the whole server
# logging at debug.
set -euo pipefail
KEEP_DEBUG=1 source "$SOLUTION_DIR/debug-and-read.sh"
