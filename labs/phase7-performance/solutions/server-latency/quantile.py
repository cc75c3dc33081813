"""Read the proxy's search histogram and compute its p90 as Prometheus'
histogram_quantile does. LATENCY_WRONG=client-as-server records the client's
stopwatch as the server's p90."""

import os
import re
import sys
import urllib.request

text = urllib.request.urlopen(os.environ["MILVUS_HTTP"] + "/metrics").read().decode()
buckets = []
for line in text.splitlines():
    m = re.match(r'milvus_proxy_sq_latency_bucket\{(.*)\} (\S+)', line)
    if m and 'query_type="search"' in m.group(1):
        le = re.search(r'le="([^"]+)"', m.group(1)).group(1)
        buckets.append((float("inf") if le == "+Inf" else float(le), float(m.group(2))))
buckets.sort()
total = buckets[-1][1]
rank = 0.9 * total
lower, below = 0.0, 0.0
for bound, cumulative in buckets:
    if cumulative >= rank:
        p90 = lower if bound == float("inf") else lower + (bound - lower) * (rank - below) / (cumulative - below)
        break
    lower, below = bound, cumulative
client = float(re.search(r"client p90: (\S+) ms", open("load.log").read()).group(1))
server = client if os.environ.get("LATENCY_WRONG") == "client-as-server" else p90
print(f"searches = {int(total)}\nserver_p90_ms = {server:.4f}\nclient_p90_ms = {client:.4f}")
