"""Lab phase1/follow-a-collection: write one collection and make it durable.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python trail.py
"""
import math
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])

rows = [{"id": i, "vector": [math.sin(i * 0.07 + k) for k in range(8)]} for i in range(1000)]

# TODO 1: create the collection "arch_demo" with 8 dimensions (quick setup).

# TODO 2: insert the 1000 rows, once.

# TODO 3: flush it, so the rows are sealed into binlogs in the bucket.

# TODO 4: print the collection id; etcd keys and bucket folders are named by it.
#     print(client.describe_collection("arch_demo")["collection_id"])
