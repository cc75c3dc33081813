"""Reference solution of phase2/lite-quickstart (the completed exercise)."""
import math
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])


def embedding(i):
    return [math.sin(i * 0.37 + k) for k in range(8)]


rows = [{"id": i, "vector": embedding(i), "title": f"doc-{i}"} for i in range(100)]

if not client.has_collection("quickstart"):
    client.create_collection(collection_name="quickstart", dimension=8)
print("inserted", client.insert("quickstart", rows)["insert_count"])

hits = client.search("quickstart", data=[embedding(42)], limit=3)
print("top hits for embedding(42):", [(hit["id"], round(hit["distance"], 3)) for hit in hits[0]])

for name, call in [
    ("create_partition", lambda: client.has_partition("quickstart", "archive")
        or client.create_partition("quickstart", "archive")),
    ("create_user", lambda: client.create_user("alice", "Secret123!")),
]:
    try:
        call()
        print(name, "works")
    except Exception as error:  # Lite answers UNIMPLEMENTED for what it lacks
        print(name, "failed:", str(error).splitlines()[0])
