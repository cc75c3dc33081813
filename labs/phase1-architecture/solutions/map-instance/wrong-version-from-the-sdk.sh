# Plausible wrong answer: copies the version pymilvus reports instead of reading
# the Version the proxy wrote into its session.
set -euo pipefail
VERSION_OVERRIDE=$(python -c 'import os; from pymilvus import MilvusClient; print(MilvusClient(uri=os.environ["MILVUS_URI"]).get_server_version())') \
    source "$SOLUTION_DIR/record-findings.sh"
