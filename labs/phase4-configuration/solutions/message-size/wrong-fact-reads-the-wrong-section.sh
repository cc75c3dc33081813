# Plausible wrong answer: loads in batches that fit, but records the first
# serverMaxRecvSize in milvus.yaml (512 MB, another component's) instead of
# the proxy's limit the error names. Runs on the solved lab: it only rewrites
# limits.toml.
set -euo pipefail
sed -i 's/^server_max_recv_bytes = .*/server_max_recv_bytes = 536870912/' limits.toml
