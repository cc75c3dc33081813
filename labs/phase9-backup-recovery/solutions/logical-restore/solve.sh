# Reference solution: find the collection's id and the segments the source
# serves, copy both logs of each into the target's root, and import the
# copy's partition folders with the backup flag.
set -euo pipefail
bash "$SOLUTION_DIR/../copy-and-restore.sh"
