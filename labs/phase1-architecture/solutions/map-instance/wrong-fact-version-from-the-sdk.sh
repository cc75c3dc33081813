# Plausible wrong answer: copies the version pymilvus reports instead of reading
# the Version the proxy wrote into its session. Runs on the solved lab: it only
# rewrites map.toml.
set -euo pipefail
version=$(python -c 'import os; from pymilvus import MilvusClient; print(MilvusClient(uri=os.environ["MILVUS_URI"]).get_server_version())')
sed -i "s/^session_version = .*/session_version = \"$version\"/" map.toml
