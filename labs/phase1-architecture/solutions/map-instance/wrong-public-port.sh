# Plausible wrong answer: records the port clients dial (19530) instead of the
# Address the proxy registered for the other components.
set -euo pipefail
PORT_OVERRIDE=19530 source "$SOLUTION_DIR/record-findings.sh"
