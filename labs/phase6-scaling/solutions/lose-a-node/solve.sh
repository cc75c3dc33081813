# Reference solution: measure at the default TTL (unless a drill at it is
# already recorded), record it, lower the TTL on every Milvus process, and
# measure again.
set -euo pipefail
grep -q '"session_ttl_seconds": 30,' drills.jsonl 2> /dev/null || python drill.py
python "$SOLUTION_DIR/record.py"
export SESSION_TTL_SECONDS=10
source "$SOLUTION_DIR/recreate-with-ttl.sh"
python drill.py
