# Tries a query, writes the four panels' queries (each can be overridden, for
# the wrong answers), makes a load run and renders the page unless SKIP_RENDER.
curl -s "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=up{job="milvus"}'
echo
if [ -z "${REQUESTS:-}" ]; then REQUESTS='sum(rate(milvus_proxy_req_count{job="milvus",status="success"}[1m]))'; fi
if [ -z "${LATENCY:-}" ]; then
    LATENCY='histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_sq_latency_bucket{job="milvus",query_type="search"}[1m])))'
fi
if [ -z "${MEMORY:-}" ]; then MEMORY='process_resident_memory_bytes{job="milvus"}'; fi
if [ -z "${SEGMENTS:-}" ]; then SEGMENTS='sum(milvus_datacoord_segment_num{job="milvus",segment_state="Flushed"})'; fi
cat > dashboard.toml <<TOML
[[panel]]
title = "Successful requests per second"
unit = "req/s"
query = '$REQUESTS'

[[panel]]
title = "Search latency p99"
unit = "ms"
query = '$LATENCY'

[[panel]]
title = "Resident memory of Milvus"
unit = "bytes"
query = '$MEMORY'

[[panel]]
title = "Flushed segments"
unit = "segments"
query = '$SEGMENTS'
TOML
python load.py 10
# Two scrapes after the load, so the rates cover it.
sleep 4
if [ -z "${SKIP_RENDER:-}" ]; then
    # From inside the repository, where cargo knows the xtask alias; the
    # panels and Prometheus come from this shell's LAB_WORK_DIR and PROMETHEUS_URL.
    (cd "$SOLUTION_DIR" && cargo xtask dashboard)
fi
