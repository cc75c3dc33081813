"""Reference solution of phase2/standalone-embed (the completed exercise)."""
import math
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
print("server version:", client.get_server_version())

rows = [{"id": i, "vector": [math.cos(i * 0.13 + k) for k in range(8)]} for i in range(1000)]

client.create_collection(collection_name="embed_demo", dimension=8)
print("inserted", client.insert("embed_demo", rows)["insert_count"])
client.flush("embed_demo")
print("collection id:", client.describe_collection("embed_demo")["collection_id"])
