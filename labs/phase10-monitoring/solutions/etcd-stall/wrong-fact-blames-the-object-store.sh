# Plausible wrong answer: brings Milvus back, but blames the object store. Runs
# on the solved lab: it only rewrites diagnosis.toml.
set -euo pipefail
sed -i 's/^dependency = .*/dependency = "object store"/' diagnosis.toml
