# Plausible wrong answer: copy the collection's whole folder, as if the bucket
# held only live data. It also holds the segments compaction replaced, and
# the import brings their rows back a second time.
set -euo pipefail
COPY=folder bash "$SOLUTION_DIR/solve.sh"
