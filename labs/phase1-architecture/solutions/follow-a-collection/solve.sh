# Reference solution: write and flush arch_demo, then follow its id through etcd
# and the bucket.
set -euo pipefail
cp "$SOLUTION_DIR/trail.py" trail.py
source "$SOLUTION_DIR/record-findings.sh"
cat trail.toml
