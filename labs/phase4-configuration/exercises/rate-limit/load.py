"""Lab phase4/rate-limit: load 24,000 events in 12 batches of about 1 MB.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python load.py            # pymilvus' defaults
    python load.py --no-retry # the same, with retry_on_rate_limit=False
Each run starts from an empty `events`.
"""
import os
import sys
import time

import numpy as np
from pymilvus import MilvusClient

no_retry = "--no-retry" in sys.argv
client = MilvusClient(uri=os.environ["MILVUS_URI"])
if client.has_collection("events"):
    client.drop_collection("events")
client.create_collection(collection_name="events", dimension=128)
vectors = np.random.default_rng(5).random((24_000, 128), dtype=np.float32)
started = time.monotonic()
for start in range(0, 24_000, 2_000):
    rows = [{"id": i, "vector": vectors[i]} for i in range(start, start + 2_000)]
    try:
        if no_retry:
            client.insert("events", rows, retry_on_rate_limit=False)
        else:
            client.insert("events", rows)
        print(f"batch at {start}: inserted")
    except Exception as error:
        print(f"batch at {start}: refused: {getattr(error, 'message', str(error))}")
count = client.query("events", filter="", output_fields=["count(*)"], consistency_level="Strong")
print(f"{count[0]['count(*)']} rows in {time.monotonic() - started:.1f} s")
