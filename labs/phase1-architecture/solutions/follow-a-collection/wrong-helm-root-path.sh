# Plausible wrong answer: counts the objects under the Helm chart's root path
# (file/) from the docs instead of this stack's files/, and finds none.
set -euo pipefail
cp "$SOLUTION_DIR/trail.py" trail.py
ROOT_PATH=file source "$SOLUTION_DIR/record-findings.sh"
