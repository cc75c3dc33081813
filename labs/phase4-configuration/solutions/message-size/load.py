"""Reference solution of phase4/message-size: the loader, batched.

BATCH: rows per insert (5000, about 20 MB). SKIP_FAILED: a wrong answer that
catches a refused batch and carries on.
"""
import os

import numpy as np
from pymilvus import MilvusClient

ROWS, DIM = 20_000, 1024
BATCH = int(os.environ.get("BATCH", "5000"))
client = MilvusClient(uri=os.environ["MILVUS_URI"])
if client.has_collection("docs"):
    client.drop_collection("docs")
client.create_collection(collection_name="docs", dimension=DIM)

vectors = np.random.default_rng(7).random((ROWS, DIM), dtype=np.float32)
rows = [{"id": i, "vector": vectors[i]} for i in range(ROWS)]

for start in range(0, ROWS, BATCH):
    try:
        client.insert("docs", rows[start : start + BATCH])
    except Exception as error:
        if not os.environ.get("SKIP_FAILED"):
            raise
        print(f"batch at {start} refused, skipped: {str(error).splitlines()[0]}")

count = client.query("docs", filter="", output_fields=["count(*)"], consistency_level="Strong")
print(f"docs holds {count[0]['count(*)']} rows")
