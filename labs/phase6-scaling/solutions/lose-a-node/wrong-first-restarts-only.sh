# Plausible wrong answer: records the window, then restarts the query nodes
# hoping a fresh start shortens it, without changing the TTL, and measures
# nothing more.
set -euo pipefail
python drill.py
python "$SOLUTION_DIR/record.py"
docker compose restart querynode
