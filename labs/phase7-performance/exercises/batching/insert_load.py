"""Insert 500 rows into `ingest` with ROWS rows per call and print the throughput.

    python insert_load.py 1
    python insert_load.py 100

Each run starts from an empty `ingest` (it drops and re-creates it).
"""

import os
import random
import sys
import time

from pymilvus import MilvusClient

TOTAL = 500
per_call = int(sys.argv[1]) if len(sys.argv) > 1 else 1
client = MilvusClient(os.environ["MILVUS_URI"])
if client.has_collection("ingest"):
    client.drop_collection("ingest")
client.create_collection("ingest", dimension=32)
rng = random.Random(7)
rows = [{"id": i, "vector": [rng.random() for _ in range(32)]} for i in range(TOTAL)]
started = time.perf_counter()
for start in range(0, TOTAL, per_call):
    client.insert("ingest", rows[start:start + per_call])
seconds = time.perf_counter() - started
print(f"rows={per_call}: {TOTAL} rows in {seconds:.2f} s = {TOTAL / seconds:.0f} rows per second")
