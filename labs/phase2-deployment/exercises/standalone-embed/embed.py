"""Lab phase2/standalone-embed: write data through a Standalone Milvus and make it durable.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python embed.py
"""
import math
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
print("server version:", client.get_server_version())

rows = [{"id": i, "vector": [math.cos(i * 0.13 + k) for k in range(8)]} for i in range(1000)]

# TODO 1: create the collection "embed_demo" with 8 dimensions (quick setup).

# TODO 2: insert the 1000 rows, once.

# TODO 3: flush the collection, so its rows are written as binlogs to storage
#         and their metadata to etcd. Then print its collection id:
#             client.describe_collection("embed_demo")["collection_id"]
