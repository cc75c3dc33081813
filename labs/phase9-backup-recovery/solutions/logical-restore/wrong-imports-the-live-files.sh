# Plausible wrong answer: no copy; the target imports the source's own files
# (the two share a bucket here). The rows arrive, but nothing was backed up:
# once the source drops or compacts the collection, they are gone.
set -euo pipefail
COPY=none IMPORT_ROOT=files bash "$SOLUTION_DIR/solve.sh"
