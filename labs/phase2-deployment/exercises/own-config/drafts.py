"""Writes 300 rows into `drafts` and does not flush them, as an application
does between two flushes; with --count, prints how many rows `drafts` holds.

    python drafts.py            # (re)create drafts and write the rows
    python drafts.py --count    # count them (Strong consistency)

Uses $MILVUS_URI. A recreated container publishes new ports:
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
"""

import os
import random
import sys

from pymilvus import MilvusClient

ROWS = 300
client = MilvusClient(uri=os.environ["MILVUS_URI"])
if "--count" in sys.argv:
    # Milvus loads the collection again after a restart; wait for it.
    client.load_collection("drafts", timeout=120)
    rows = client.query("drafts", filter="", output_fields=["count(*)"], consistency_level="Strong")
    print(rows[0]["count(*)"])
else:
    if client.has_collection("drafts"):
        client.drop_collection("drafts")
    client.create_collection("drafts", dimension=8, consistency_level="Strong")
    client.insert("drafts", [{"id": i, "vector": [random.random() for _ in range(8)]} for i in range(ROWS)])
    print(f"drafts: {ROWS} rows written, not flushed")
