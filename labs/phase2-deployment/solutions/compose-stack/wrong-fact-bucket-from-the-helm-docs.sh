# Plausible wrong answer: does the work but writes the Helm chart's bucket name
# (milvus-bucket) from the docs instead of the one this stack's Milvus created.
# Runs on the solved lab: it only rewrites compose.toml.
set -euo pipefail
sed -i 's/^bucket = .*/bucket = "milvus-bucket"/' compose.toml
