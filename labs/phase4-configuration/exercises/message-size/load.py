"""Lab phase4/message-size: load 20,000 documents of 1024 dimensions into `docs`.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python load.py
Each run starts from an empty `docs`, so you can run it as often as you like.
"""
import os

import numpy as np
from pymilvus import MilvusClient

ROWS, DIM = 20_000, 1024
client = MilvusClient(uri=os.environ["MILVUS_URI"])
if client.has_collection("docs"):
    client.drop_collection("docs")
client.create_collection(collection_name="docs", dimension=DIM)

vectors = np.random.default_rng(7).random((ROWS, DIM), dtype=np.float32)
rows = [{"id": i, "vector": vectors[i]} for i in range(ROWS)]

# TODO: this one call sends about 80 MB, more than the server accepts. Find the
#       limit in the error, then load the rows in batches that fit, and make
#       sure no batch is lost.
client.insert("docs", rows)

count = client.query("docs", filter="", output_fields=["count(*)"], consistency_level="Strong")
print(f"docs holds {count[0]['count(*)']} rows")
