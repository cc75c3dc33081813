# Reference solution: check health, write and flush the data, then read the
# version and the session keys with the real tools and record them.
set -euo pipefail
curl -fsS "$MILVUS_HTTP/healthz"; echo
cp "$SOLUTION_DIR/embed.py" embed.py
python embed.py
source "$SOLUTION_DIR/record-findings.sh"
cat standalone.toml
