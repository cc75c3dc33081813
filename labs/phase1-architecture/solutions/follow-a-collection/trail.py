"""Reference solution of phase1/follow-a-collection (the completed exercise)."""
import math
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])

rows = [{"id": i, "vector": [math.sin(i * 0.07 + k) for k in range(8)]} for i in range(1000)]

client.create_collection(collection_name="arch_demo", dimension=8)
client.insert("arch_demo", rows)
client.flush("arch_demo")
print(client.describe_collection("arch_demo")["collection_id"])
