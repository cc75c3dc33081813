# Reference solution: drop `events` on the first instance, wait for garbage
# collection, and record the dropped id and the second instance's root.
set -euo pipefail
python "$SOLUTION_DIR/drop.py" MILVUS_URI
