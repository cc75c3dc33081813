# Plausible wrong answer: the client's stopwatch reported as the server's
# latency; it adds the network and the SDK to what the proxy measured.
set -euo pipefail
python search_load.py | tee load.log
LATENCY_WRONG=client-as-server python "$SOLUTION_DIR/quantile.py" > latency.toml
