# Plausible wrong answer: never turns the access log on, and takes the fields
# from the client's exception instead.
set -euo pipefail
SKIP_ENABLE=1 source "$SOLUTION_DIR/enable-and-read.sh"
