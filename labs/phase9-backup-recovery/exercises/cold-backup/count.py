"""What the restored instance holds: each collection loaded, its rows
counted, and its index, to compare with what you backed up.

    python count.py

Uses $MILVUS_URI (`cargo xtask env` prints it; a restart changes it).
"""

import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
for name in client.list_collections():
    client.load_collection(name)  # waits until loaded
    rows = client.query(name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
    indexes = [client.describe_index(name, index)["index_type"] for index in client.list_indexes(name)]
    print(f"{name}: {rows} rows, index {', '.join(indexes) or 'none'}")
