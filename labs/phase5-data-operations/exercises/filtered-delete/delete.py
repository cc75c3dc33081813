"""Lab phase5/filtered-delete: honour a deletion request, and nothing more.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python delete.py
"""
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])

before = client.query("articles", filter="", output_fields=["count(*)"], consistency_level="Strong")
print("rows before:", before[0]["count(*)"])

# TODO 1: preview what you are about to delete. Write a boolean filter expression
#         on the scalar fields `lang` and `year`, and query it first:
#             client.query("articles", filter=FILTER, output_fields=["id", "lang", "year"], limit=20)
FILTER = ""

# TODO 2: delete with that filter: client.delete(collection_name="articles", filter=FILTER)

after = client.query("articles", filter="", output_fields=["count(*)"], consistency_level="Strong")
print("rows after:", after[0]["count(*)"])
