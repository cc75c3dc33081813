# Plausible wrong answer: does the data part right but copies the component list of a
# 2.6 cluster from the docs instead of reading this server's session keys.
set -euo pipefail
cp "$SOLUTION_DIR/embed.py" embed.py
python embed.py
version=$(python -c 'import os; from pymilvus import MilvusClient; print(MilvusClient(uri=os.environ["MILVUS_URI"]).get_server_version())')
cat > standalone.toml <<ANSWERS
server_version = "$version"
components = ["mixcoord", "proxy", "querynode", "datanode", "streamingnode"]
ANSWERS
