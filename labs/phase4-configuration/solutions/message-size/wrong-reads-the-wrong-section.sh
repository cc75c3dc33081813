# Plausible wrong answer: loads in batches that fit, but records the first
# serverMaxRecvSize in milvus.yaml (512 MB, another component's) instead of
# the proxy's limit the error names.
set -euo pipefail
LIMIT_OVERRIDE=536870912 source "$SOLUTION_DIR/solve.sh"
