# Plausible wrong answer: reads the right line but records the method as the
# client call is named (query), not as the log writes it.
set -euo pipefail
METHOD_OVERRIDE=query source "$SOLUTION_DIR/enable-and-read.sh"
