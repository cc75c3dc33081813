# Reference solution: measure at the default TTL, record it, lower the TTL on
# every Milvus process, and measure again.
set -euo pipefail
python drill.py
python "$SOLUTION_DIR/record.py"
export SESSION_TTL_SECONDS=10
source "$SOLUTION_DIR/recreate-with-ttl.sh"
python drill.py
