"""Send 300 searches, one query vector each, and time them on the client.

    python search_load.py

Prints the client's p50, p90 and p99 in milliseconds.
"""

import os
import random
import time

from pymilvus import MilvusClient

SEARCHES = 300
client = MilvusClient(os.environ["MILVUS_URI"])
rng = random.Random(7)
times = []
for _ in range(SEARCHES):
    vector = [rng.random() for _ in range(64)]
    started = time.perf_counter()
    client.search("docs", [vector], limit=10)
    times.append((time.perf_counter() - started) * 1000)
times.sort()
for q in (0.5, 0.9, 0.99):
    print(f"client p{int(q * 100)}: {times[int(q * len(times)) - 1]:.3f} ms")
