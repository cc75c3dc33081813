# Plausible wrong answer: does both drills, but writes the configured TTL (30)
# as the window instead of what the first drill measured.
set -euo pipefail
python drill.py
WINDOW=30 python "$SOLUTION_DIR/record.py"
export SESSION_TTL_SECONDS=10
source "$SOLUTION_DIR/recreate-with-ttl.sh"
python drill.py
