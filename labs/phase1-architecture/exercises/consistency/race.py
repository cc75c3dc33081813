"""Lab phase1/consistency: write a row, read it back at once, count the misses.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python race.py
"""
import os
import random

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])

# TODO 1: create "orders" (8 dimensions, quick setup) so that a client reading
#         right after its own write always sees it. Choose its consistency level
#         at creation: client.create_collection(..., consistency_level="...")

# TODO 2: create "feed" (8 dimensions) and leave its consistency level alone.


def misses(collection, level, tries=20):
    """Insert a row, query for it at once at `level`; count the reads that miss it."""
    missed = 0
    for _ in range(tries):
        key = random.randrange(1, 10**9)
        client.insert(collection, [{"id": key, "vector": [random.random() for _ in range(8)]}])
        found = client.query(collection, filter=f"id == {key}", output_fields=["id"], consistency_level=level)
        missed += not found
    return missed


for level in ["Strong", "Bounded", "Eventually"]:
    print(f"{level:>10}: {misses('orders', level)} of 20 reads missed the row just written")
