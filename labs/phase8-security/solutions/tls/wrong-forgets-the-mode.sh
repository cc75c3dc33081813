# Plausible wrong answer: certificates made and mounted, tlsMode left at 0,
# so Milvus still speaks plain gRPC.
set -euo pipefail
TLS_MODE_ANSWER=0 bash "$SOLUTION_DIR/solve.sh"
