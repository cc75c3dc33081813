"""Reference solution of phase2/compose-stack (the completed exercise).
Prints the bucket and the insert-log object count as `key=value` lines."""
import math
import os

import boto3
from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")

rows = [{"id": i, "vector": [math.sin(i * 0.29 + k) for k in range(8)]} for i in range(500)]

client.create_collection(collection_name="compose_demo", dimension=8)
client.insert("compose_demo", rows)
client.flush("compose_demo")
collection_id = client.describe_collection("compose_demo")["collection_id"]

bucket = s3.list_buckets()["Buckets"][0]["Name"]
prefix = f"files/insert_log/{collection_id}/"
objects = s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
print(f"bucket={bucket}")
print(f"insert_log_objects={len(objects)}")
