"""What last night's job does after it asks for the new index: wait until
`products` is indexed, giving up after TIMEOUT seconds (20 by default)."""
import os
import sys
import time

from pymilvus import MilvusClient

timeout = float(sys.argv[1]) if len(sys.argv) > 1 else 20
client = MilvusClient(os.environ["MILVUS_URI"])
deadline = time.monotonic() + timeout
while True:
    index = client.describe_index("products", "vector")
    if index["state"] == "Finished" or time.monotonic() > deadline:
        break
    time.sleep(2)
print(f"index: {index['index_type']} {index['state']}, {index['indexed_rows']} of {index['total_rows']} rows indexed")
