# Plausible wrong answer: makes the limit effective through etcd, but records
# the environment as the layer that wins, since it overrode the yaml. Runs on
# the solved lab: it only rewrites layers.toml.
set -euo pipefail
sed -i 's/^winning_layer = .*/winning_layer = "environment"/' layers.toml
