# Reference solution: debug through the HTTP API with a JSON body, one
# search, its trace's segment lines counted, the level set back to info.
set -euo pipefail
source "$SOLUTION_DIR/debug-and-read.sh"
