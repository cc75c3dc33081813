"""Every collection listed, loaded and counted: what a learner runs after a drill."""
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
for name in client.list_collections():
    client.load_collection(name)
    count = client.query(name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
    print(f"{name}: {count} rows")
