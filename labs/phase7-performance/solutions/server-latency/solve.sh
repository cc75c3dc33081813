# Reference solution: run the load, then read the server's histogram.
set -euo pipefail
python search_load.py | tee load.log
python "$SOLUTION_DIR/quantile.py" > latency.toml
cat latency.toml
