# Plausible wrong answer: records the port clients dial (19530) instead of the
# Address the proxy registered for the other components. Runs on the solved
# lab: it only rewrites map.toml.
set -euo pipefail
sed -i 's/^proxy_internal_port = .*/proxy_internal_port = 19530/' map.toml
