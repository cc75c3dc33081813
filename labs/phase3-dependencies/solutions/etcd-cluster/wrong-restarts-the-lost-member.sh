# Plausible wrong answer: brings the lost member back instead of replacing
# it; a real lost disk or host cannot come back.
set -euo pipefail
RESTART_ONLY=1 source "$SOLUTION_DIR/replace-member.sh"
