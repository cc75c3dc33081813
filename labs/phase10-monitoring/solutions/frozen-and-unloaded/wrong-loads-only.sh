# Plausible wrong answer: fixes the search and takes the insert's refusal
# for the same cause.
set -euo pipefail
SKIP_THAW=1 source "$SOLUTION_DIR/diagnose-and-fix.sh"
