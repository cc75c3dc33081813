"""Search `docs` with NQ query vectors per call and print the throughput.

    python search_load.py 1
    python search_load.py 50

Sends 500 query vectors in all, NQ per call, and prints queries per second.
"""

import os
import random
import sys
import time

from pymilvus import MilvusClient

TOTAL = 500
nq = int(sys.argv[1]) if len(sys.argv) > 1 else 1
client = MilvusClient(os.environ["MILVUS_URI"])
rng = random.Random(11)
queries = [[rng.random() for _ in range(32)] for _ in range(TOTAL)]
started = time.perf_counter()
for start in range(0, TOTAL, nq):
    client.search("docs", queries[start:start + nq], limit=10)
seconds = time.perf_counter() - started
print(f"nq={nq}: {TOTAL} queries in {seconds:.2f} s = {TOTAL / seconds:.0f} queries per second "
      f"({seconds / -(-TOTAL // nq) * 1000:.1f} ms per call)")
