"""Lab phase1/lite-to-server: the shop's product search.

One program for Milvus Lite and for a Milvus server: only the URI (and, on a
server with authentication, the token) changes.

    python app.py ./shop.db            # the Lite file in this folder
    python app.py "$MILVUS_URI"        # the server `cargo xtask env` prints

A server with authentication also needs MILVUS_TOKEN="user:password".
"""
import os
import sys

from pymilvus import MilvusClient

uri = sys.argv[1] if len(sys.argv) > 1 else "./shop.db"
client = MilvusClient(uri=uri, token=os.environ.get("MILVUS_TOKEN", ""))

if not client.has_collection("products"):
    sys.exit(f"{uri} has no collection `products` yet")

# Lite opens a file with its collections released, as a server starts after a
# restart: load before you query or search (a no-op when already loaded).
client.load_collection("products")

count = client.query("products", filter="", output_fields=["count(*)"])[0]["count(*)"]
print(f"{uri}: {count} products")

# Search with one product's own vector: it should come first, then its neighbours.
probe = client.query("products", filter="id == 129694", output_fields=["vector", "name"])
if not probe:
    sys.exit(f"{uri}: product 129694 is missing")
hits = client.search("products", data=[probe[0]["vector"]], limit=3, output_fields=["name", "price"])
for hit in hits[0]:
    print(f"  {hit['id']}  {hit['entity']['name']:<16} {hit['entity']['price']:>7.2f}  distance {hit['distance']:.4f}")
