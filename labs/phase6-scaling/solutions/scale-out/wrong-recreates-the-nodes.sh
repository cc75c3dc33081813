# Plausible wrong answer: asks for three query nodes and lets Compose recreate
# the running ones too (--force-recreate, as after editing the file): every
# node restarts at once and searches fail while the collection reloads.
set -euo pipefail
RECREATE=--force-recreate source "$SOLUTION_DIR/add-node-under-traffic.sh"
