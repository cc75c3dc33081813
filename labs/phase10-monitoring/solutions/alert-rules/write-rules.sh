# Writes the four alerts into rules/milvus.rules.yml (a wrong answer swaps one
# expression through FAILING_EXPR, SLOW_EXPR or STALLED_EXPR), then runs
# promtool on them as the learner would.
failing=${FAILING_EXPR:-'sum(rate(milvus_proxy_req_count{status="fail"}[5m])) > 0'}
slow=${SLOW_EXPR:-'histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_sq_latency_bucket{query_type="search"}[5m]))) > 1000'}
stalled=${STALLED_EXPR:-'max(milvus_datanode_consume_tt_lag_ms) > 30000'}
cat > rules/milvus.rules.yml <<YAML
groups:
  - name: milvus
    rules:
      - alert: MilvusRequestsFailing
        expr: $failing
        for: 2m
        labels:
          severity: warning
      - alert: MilvusSearchSlow
        expr: $slow
        for: 5m
        labels:
          severity: warning
      - alert: MilvusMemoryHigh
        expr: max(process_resident_memory_bytes{job="milvus"}) > 4 * 1024 * 1024 * 1024
        for: 5m
        labels:
          severity: critical
      - alert: MilvusTimeTickStalled
        expr: $stalled
        for: 2m
        labels:
          severity: critical
YAML
bash promtool.sh check rules milvus.rules.yml
bash promtool.sh test rules milvus.rules.test.yml || true
