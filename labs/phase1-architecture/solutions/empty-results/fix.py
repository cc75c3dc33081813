"""Reference solution: one fix per cause, each read from the server's answers.

Variants the wrong answers use (environment):
  ORDERS=keep     leaves `orders` as it is (the page retries instead)
  ORDERS=empty    creates `orders` again at Strong without copying its orders
"""
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ.get("MILVUS_TOKEN", ""))
ORDERS = os.environ.get("ORDERS", "copy")

# reviews: released. Loading it is all it needs.
client.load_collection("reviews")

# catalog: load_collection answers "index not found". Index, then load.
index_params = client.prepare_index_params()
index_params.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="COSINE")
client.create_index("catalog", index_params)
client.load_collection("catalog")

# orders: created at Eventually, and on 2.3 the level is fixed at creation.
# Copy the orders into a new collection at Strong, then swap the names.
if ORDERS != "keep":
    print(client.describe_collection("orders")["consistency_level"])
    rows = client.query("orders", filter="id >= 0", output_fields=["*"], limit=16384, consistency_level="Strong")
    if client.has_collection("orders_strong"):
        client.drop_collection("orders_strong")
    client.create_collection("orders_strong", dimension=8, metric_type="COSINE", consistency_level="Strong")
    if ORDERS == "copy":
        client.insert("orders_strong", rows)
        client.flush("orders_strong")
        copied = client.query("orders_strong", filter="", output_fields=["count(*)"])[0]["count(*)"]
        assert copied == len(rows), f"copied {copied} of {len(rows)} orders"
    client.drop_collection("orders")
    client.rename_collection("orders_strong", "orders")
