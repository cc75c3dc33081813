# Plausible wrong answer: latency.toml filled from a first look at /metrics,
# before any search ran (the figures of an idle server), and never updated.
set -euo pipefail
printf 'client p90: 1.0 ms\n' > load.log
count=$(curl -sf "$MILVUS_HTTP/metrics" | awk '/^milvus_proxy_sq_latency_count\{.*search/ {print $NF}')
printf 'searches = %s\nserver_p90_ms = 0.0\nclient_p90_ms = 1.0\n' "${count:-0}" > latency.toml
python search_load.py
