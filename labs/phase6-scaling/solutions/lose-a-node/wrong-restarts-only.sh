# Plausible wrong answer: records the window, then restarts the query nodes
# hoping a fresh start helps, without changing the TTL, and drills again.
set -euo pipefail
python drill.py
python "$SOLUTION_DIR/record.py"
docker compose restart querynode
python drill.py
