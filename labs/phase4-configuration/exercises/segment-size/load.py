"""Lab phase4/segment-size: load 20,000 rows of 128 dimensions into `docs`,
flush, and list the segments they ended up in.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python load.py
Each run starts from an empty `docs`.
"""
import os

import numpy as np
from pymilvus import MilvusClient

uri = os.environ["MILVUS_URI"]
client = MilvusClient(uri=uri)
if client.has_collection("docs"):
    client.drop_collection("docs")
client.create_collection(collection_name="docs", dimension=128)
vectors = np.random.default_rng(3).random((20_000, 128), dtype=np.float32)
for start in range(0, 20_000, 2_000):
    client.insert("docs", [{"id": i, "vector": vectors[i]} for i in range(start, start + 2_000)])
client.flush("docs")

# The segments flush() has written to object storage, with their rows.
segments = client.list_persistent_segments("docs")
print(f"{len(segments)} segments, rows: {sorted((s.num_rows for s in segments), reverse=True)}")
