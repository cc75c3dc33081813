"""Lab phase2/lite-quickstart: your first collection on Milvus Lite.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python quickstart.py
"""
import math
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])


def embedding(i):
    """A made-up but deterministic 8-dimensional vector for row i."""
    return [math.sin(i * 0.37 + k) for k in range(8)]


rows = [{"id": i, "vector": embedding(i), "title": f"doc-{i}"} for i in range(100)]

# TODO 1: create the collection "quickstart" with 8 dimensions.
#         Quick setup: client.create_collection(collection_name=..., dimension=...)
#         A second run of this script fails with "already exists" unless you
#         guard it: if not client.has_collection("quickstart"): ...

# TODO 2: insert the 100 rows. Running the script again is safe: Lite keeps one
#         row per id, so the same ids replace the rows and count(*) stays 100.

# TODO 3: search with embedding(42), limit=3, and print the hits.
#         Which id comes first, and with what score?

# TODO 4: find out what Lite does not support. Try, each in its own try/except:
#           client.create_partition("quickstart", "archive")
#           client.create_user("alice", "Secret123!")
#         On a second run create_partition fails only because "archive" already
#         exists (the error then says just "archive"): check
#         client.has_partition("quickstart", "archive") first, so that an
#         existing partition is not mistaken for an unsupported feature.
#         Then write what happened into lite-limits.toml.
