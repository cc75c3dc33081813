# Plausible wrong answer: does the data part right but copies the component list of a
# 2.6 cluster from the docs instead of reading this server's session keys. Runs
# on the solved lab: it only rewrites standalone.toml.
set -euo pipefail
sed -i 's/^components = .*/components = ["mixcoord", "proxy", "querynode", "datanode", "streamingnode"]/' standalone.toml
