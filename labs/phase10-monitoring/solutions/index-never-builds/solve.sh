# Reference solution: the index node cannot build DISKANN here; an HNSW
# index builds in seconds and the collection loads.
set -euo pipefail
source "$SOLUTION_DIR/diagnose-and-fix.sh"
