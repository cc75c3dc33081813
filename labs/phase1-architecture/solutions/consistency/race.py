"""Reference solution of phase1/consistency (the completed exercise)."""
import os
import random

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])

client.create_collection(collection_name="orders", dimension=8, consistency_level=os.environ.get("ORDERS_LEVEL", "Strong"))
# FEED_LEVEL: a wrong answer that chooses a level for feed after all.
feed_level = {"consistency_level": os.environ["FEED_LEVEL"]} if "FEED_LEVEL" in os.environ else {}
client.create_collection(collection_name="feed", dimension=8, **feed_level)


def misses(collection, level, tries=20):
    missed = 0
    for _ in range(tries):
        key = random.randrange(1, 10**9)
        client.insert(collection, [{"id": key, "vector": [random.random() for _ in range(8)]}])
        found = client.query(collection, filter=f"id == {key}", output_fields=["id"], consistency_level=level)
        missed += not found
    return missed


for level in ["Strong", "Bounded", "Eventually"]:
    print(f"{level:>10}: {misses('orders', level)} of 20 reads missed the row just written")
