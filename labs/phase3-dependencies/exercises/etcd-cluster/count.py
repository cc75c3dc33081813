"""What Milvus serves: each collection loaded, its rows counted, and its
index. Run it with a member down: Milvus keeps serving while etcd has quorum.

    python count.py

Uses $MILVUS_URI (`cargo xtask env` prints it; a restart changes it).
"""

import os
import time

from pymilvus import MilvusClient, MilvusException

# Loading waits until every segment is read; a segment whose files are gone
# never loads, so the wait has a limit (shared by all collections).
LOAD_LIMIT_SECONDS = 60

client = MilvusClient(uri=os.environ["MILVUS_URI"])
deadline = time.monotonic() + LOAD_LIMIT_SECONDS
for name in client.list_collections():
    try:
        client.load_collection(name, timeout=max(1.0, deadline - time.monotonic()))
    except MilvusException:
        print(f"{name}: not loaded within {LOAD_LIMIT_SECONDS} s")
        print("  Does etcd still have quorum? docker compose exec etcd etcdctl endpoint health --cluster")
        continue
    rows = client.query(name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
    indexes = [client.describe_index(name, index)["index_type"] for index in client.list_indexes(name)]
    print(f"{name}: {rows} rows, index {', '.join(indexes) or 'none'}")
