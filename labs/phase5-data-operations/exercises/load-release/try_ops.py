"""Try each client operation on one collection and say which ones answer.

    python try_ops.py orders_archive

Writes go to ids from 900000 up and are deleted again, so the data you keep
is unchanged.
"""

import logging
import os
import sys

from pymilvus import MilvusClient

logging.disable(logging.CRITICAL)  # pymilvus logs every failed call with a traceback
name = sys.argv[1] if len(sys.argv) > 1 else "orders_archive"
client = MilvusClient(os.environ["MILVUS_URI"])
vector = [0.1] * 8


def same_index():
    params = client.prepare_index_params()
    params.add_index("v", index_type="AUTOINDEX", metric_type="COSINE")
    return params


operations = {
    "search": lambda: client.search(name, [vector], limit=3),
    "query": lambda: client.query(name, filter="year == 2020", limit=3),
    "get": lambda: client.get(name, ids=[1]),
    "count": lambda: client.query(name, output_fields=["count(*)"]),
    "insert": lambda: client.insert(name, [{"id": 900000, "v": vector, "year": 1999}]),
    "delete_by_id": lambda: client.delete(name, ids=[900000]),
    "flush": lambda: client.flush(name),
    # The index it already has, asked for again: Milvus accepts an identical one.
    "create_index": lambda: client.create_index(name, same_index()),
    "describe_collection": lambda: client.describe_collection(name),
}
print(f"{name}: {client.get_load_state(name)['state']}")
for operation, call in operations.items():
    try:
        call()
        print(f"  {operation:20} ok")
    except Exception as error:
        print(f"  {operation:20} {error}")
