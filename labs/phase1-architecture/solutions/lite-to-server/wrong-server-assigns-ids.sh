# Plausible wrong answer: creates the server's collection with auto_id=True, as
# many quick starts do, so every product gets a new id: the counts match, the
# keys do not, and the shop's SKUs are lost.
set -euo pipefail
cp "$SOLUTION_DIR/move.py" move.py
NEW_IDS=1 python move.py "$MILVUS_URI"
