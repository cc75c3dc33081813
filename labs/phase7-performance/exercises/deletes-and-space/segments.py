"""Show the flushed segments of `events` and how many rows each holds.

    python segments.py
"""

import os

from pymilvus import MilvusClient

client = MilvusClient(os.environ["MILVUS_URI"])
segments = client.list_persistent_segments("events")
for segment in sorted(segments, key=lambda s: s.segment_id):
    print(f"segment {segment.segment_id}: {segment.num_rows} rows, {segment.state}")
print(f"{len(segments)} segments, {sum(s.num_rows for s in segments)} rows in storage")
count = client.query("events", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
print(f"count(*): {count}")
