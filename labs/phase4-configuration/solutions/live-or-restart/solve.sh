# Reference solution: apply both changes live, then classify the keys as
# measured on this version (each was put in etcd and probed).
set -euo pipefail
source "$SOLUTION_DIR/apply.sh"
source "$SOLUTION_DIR/classify.sh"
