# Plausible wrong answer: does the work but writes the Helm chart's bucket name
# (milvus-bucket) from the docs instead of the one this stack's Milvus created.
set -euo pipefail
cp "$SOLUTION_DIR/stack.py" stack.py
source "$SOLUTION_DIR/record-findings.sh"
sed -i 's/^bucket = .*/bucket = "milvus-bucket"/' compose.toml
