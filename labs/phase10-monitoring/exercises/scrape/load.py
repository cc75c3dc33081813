"""Searches `docs` for a while, so Prometheus has requests to count.

    python load.py [SECONDS]
"""
import os
import random
import sys
import time

from pymilvus import MilvusClient

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20
client = MilvusClient(os.environ["MILVUS_URI"])
end = time.monotonic() + seconds
calls = 0
while time.monotonic() < end:
    client.search("docs", [[random.random() for _ in range(8)]], limit=5)
    calls += 1
print(f"{calls} searches in {seconds:.0f} s ({calls / seconds:.1f} per second)")
