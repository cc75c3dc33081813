"""Lab phase2/compose-stack: write through Milvus, find the data in object storage.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python stack.py
"""
import math
import os

import boto3
from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")

rows = [{"id": i, "vector": [math.sin(i * 0.29 + k) for k in range(8)]} for i in range(500)]

# TODO 1: create the collection "compose_demo" with 8 dimensions (quick setup).

# TODO 2: insert the 500 rows, once.

# TODO 3: flush it, then find its collection id:
#             client.describe_collection("compose_demo")["collection_id"]

# TODO 4: list the buckets (s3.list_buckets()["Buckets"]) and, in Milvus' bucket,
#         the objects under files/insert_log/<collection id>/
#         (s3.list_objects_v2(Bucket=..., Prefix=...).get("Contents", [])).
