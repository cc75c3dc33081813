"""What the application does: a search on `orders`, then an insert into it."""
import os

from pymilvus import MilvusClient, MilvusException

client = MilvusClient(os.environ["MILVUS_URI"])
try:
    client.search("orders", [[0.5] * 8], limit=3)
    print("search: served")
except MilvusException as error:
    print(f"search: refused: {error.message}")
try:
    client.insert("orders", [{"id": 900000003, "vector": [0.5] * 8}])
    client.delete("orders", ids=[900000003])
    print("insert: accepted")
except MilvusException as error:
    print(f"insert: refused: {error.message}")
