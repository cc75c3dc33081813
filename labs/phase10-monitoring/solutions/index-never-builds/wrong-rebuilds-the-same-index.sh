# Plausible wrong answer: drops the stuck index and asks for the same type.
set -euo pipefail
INDEX_TYPE=DISKANN source "$SOLUTION_DIR/diagnose-and-fix.sh"
