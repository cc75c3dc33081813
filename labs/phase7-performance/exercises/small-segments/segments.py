"""Show the flushed segments of `readings`, the ones loaded for search, and
the collection's auto-compaction switch.

    python segments.py
"""

import os

from pymilvus import MilvusClient

client = MilvusClient(os.environ["MILVUS_URI"])
stored = client.list_persistent_segments("readings")
for segment in sorted(stored, key=lambda s: s.segment_id):
    print(f"segment {segment.segment_id}: {segment.num_rows} rows, {segment.state}")
print(f"{len(stored)} segments, {sum(s.num_rows for s in stored)} rows in storage")
print(f"{len(client.list_loaded_segments('readings'))} segments loaded for search")
properties = client.describe_collection("readings").get("properties", {})
print(f"collection.autocompaction.enabled = {properties.get('collection.autocompaction.enabled', 'not set')}")
