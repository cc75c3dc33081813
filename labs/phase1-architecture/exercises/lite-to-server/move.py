"""Lab phase1/lite-to-server: move `products` from the Lite file to a server.

    python move.py "$MILVUS_URI"

Copy first, delete last: shop.db stays as it is until the server's copy is
proven, so a failed move loses nothing.
"""
import os
import sys

from pymilvus import DataType, MilvusClient

source = MilvusClient(uri="./shop.db")
source.load_collection("products")  # Lite opens a file with collections released
target = MilvusClient(uri=sys.argv[1], token=os.environ.get("MILVUS_TOKEN", ""))

print(source.describe_collection("products"))

# TODO 1: create `products` on the server with the same schema as in shop.db:
#         the same primary key (the ids are the shop's SKUs: keep them), the
#         same vector dimension, and `name` and `price`. Build it with
#         MilvusClient.create_schema(...) and schema.add_field(...).
#         A second run must not copy twice: a server, unlike Lite, keeps two
#         rows with the same id. Drop the server's collection first if it exists.

# TODO 2: add an index on `vector` (client.prepare_index_params(), then
#         index_params.add_index(...)), so that the collection can be loaded.

# TODO 3: copy every row. How many does shop.db hold? How many does one query
#         return? Page through them with source.query_iterator(...) and insert
#         each batch into the server.

# TODO 4: make sure the collection is loaded on the server, then compare:
#         count(*) on both sides, and a few rows field by field.
