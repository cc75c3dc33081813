# Reference solution: ask the server (health, metrics) and etcd (sessions) and
# record what they say.
set -euo pipefail
source "$SOLUTION_DIR/record-findings.sh"
cat map.toml
