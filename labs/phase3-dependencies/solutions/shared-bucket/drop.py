"""Drops `events` on one instance, then waits until garbage collection has
emptied its insert_log folder, and records what the bucket shows."""
import os
import sys
import time

import boto3
from pymilvus import MilvusClient

uri = os.environ[sys.argv[1] if len(sys.argv) > 1 else "MILVUS_URI"]
client = MilvusClient(uri=uri)
collection_id = client.describe_collection("events")["collection_id"]
client.drop_collection("events")
print(f"dropped events ({collection_id}) on {uri}")

s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")
top = s3.list_objects_v2(Bucket="a-bucket", Delimiter="/")
roots = [p["Prefix"].rstrip("/") for p in top.get("CommonPrefixes", [])]
print(f"a-bucket holds: {roots}")
prefix = f"files/insert_log/{collection_id}/"
started = time.monotonic()
while time.monotonic() - started < 240:
    left = s3.list_objects_v2(Bucket="a-bucket", Prefix=prefix).get("KeyCount", 0)
    print(f"{time.monotonic() - started:5.1f} s: {left} objects under {prefix}")
    if left == 0:
        break
    time.sleep(1)

with open("bucket.toml", "w") as answers:
    answers.write(f"dropped_collection_id = {collection_id}\n")
    answers.write(f'second_root = "{[r for r in roots if r != "files"][0]}"\n')
