"""Where a collection's data is in the bucket: its id, its row count, and
the flushed segments the source's catalogue lists now, with their
partitions (a segment's rows count its deleted ones too). The bucket may hold
more segments than these: those that compaction replaced stay until
garbage collection removes them.

    python segments.py orders

Uses $MILVUS_URI (the source).
"""

import os
import sys

from pymilvus import MilvusClient

if len(sys.argv) != 2:
    sys.exit(__doc__)
name = sys.argv[1]
client = MilvusClient(uri=os.environ["MILVUS_URI"])
print("collection", client.describe_collection(name)["collection_id"])
count = client.query(name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
print(f"rows {count} (count(*): growing segments included, deleted rows not)")
for segment in client.list_persistent_segments(name):
    if segment.state_name == "Flushed":
        print(f"partition {segment.partition_id} segment {segment.segment_id} rows {segment.num_rows}")
