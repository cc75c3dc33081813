"""Reference solution: copy `products` from shop.db to the server, page by page.

Variants the wrong answers use (environment):
  ONE_QUERY=1   copies what a single query returns, at the server's page limit
  NEW_IDS=1     lets the server assign new ids (auto_id=True)
"""
import os
import sys

from pymilvus import DataType, MilvusClient

ONE_QUERY = os.environ.get("ONE_QUERY") == "1"
NEW_IDS = os.environ.get("NEW_IDS") == "1"

source = MilvusClient(uri="./shop.db")
source.load_collection("products")  # Lite opens a file with collections released
target = MilvusClient(uri=sys.argv[1], token=os.environ.get("MILVUS_TOKEN", ""))

described = source.describe_collection("products")
dimension = next(f["params"]["dim"] for f in described["fields"] if f["name"] == "vector")

# 1. The same schema on the server: the SKUs stay the primary key.
if target.has_collection("products"):
    target.drop_collection("products")
schema = MilvusClient.create_schema(auto_id=NEW_IDS, enable_dynamic_field=False)
schema.add_field("id", DataType.INT64, is_primary=True)
schema.add_field("vector", DataType.FLOAT_VECTOR, dim=int(dimension))
schema.add_field("name", DataType.VARCHAR, max_length=64)
schema.add_field("price", DataType.DOUBLE)

# 2. An index, so that create_collection also loads the collection.
index_params = MilvusClient.prepare_index_params()
index_params.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="COSINE")
target.create_collection("products", schema=schema, index_params=index_params)


def copy(rows):
    if NEW_IDS:
        rows = [{k: v for k, v in row.items() if k != "id"} for row in rows]
    target.insert("products", rows)
    return len(rows)


# 3. Every row, in pages: one query returns at most 16384 rows on a server.
copied = 0
if ONE_QUERY:
    copied += copy(source.query("products", filter="", output_fields=["*"], limit=16384))
else:
    pages = source.query_iterator("products", batch_size=2000, filter="", output_fields=["*"])
    while batch := pages.next():
        copied += copy(batch)
    pages.close()
target.flush("products")

# 4. Compare both sides.
count = lambda client: client.query("products", filter="", output_fields=["count(*)"])[0]["count(*)"]
print(f"copied {copied} rows; shop.db has {count(source)}, the server has {count(target)}")
