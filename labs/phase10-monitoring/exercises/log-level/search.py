"""One search on `tickets`, the request whose debug lines you will read."""
import os

from pymilvus import MilvusClient

client = MilvusClient(os.environ["MILVUS_URI"])
hits = client.search("tickets", [[0.5] * 8], limit=3)
print("top ids:", [hit["id"] for hit in hits[0]])
