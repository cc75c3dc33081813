"""Reference loader. LOADER_WRONG=insert-corrections inserts the corrections;
LOADER_WRONG=insert-products loads products.json with client inserts."""

import json
import logging
import os
import sys
import time

import boto3
from pymilvus import MilvusClient, connections, utility

logging.disable(logging.CRITICAL)
URI = os.environ["MILVUS_URI"]
WRONG = os.environ.get("LOADER_WRONG", "")
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"])
client = MilvusClient(URI)
connections.connect(uri=URI)

if WRONG == "insert-products":
    rows = json.load(open("products.json"))["rows"]
    client.insert("products", rows)
else:
    bucket = s3.list_buckets()["Buckets"][0]["Name"]
    s3.upload_file("products.json", bucket, "imports/products.json")
    task = utility.do_bulk_insert(collection_name="products", files=["imports/products.json"])
    deadline = time.monotonic() + 120
    while True:
        state = utility.get_bulk_insert_state(task)
        if state.state_name == "Completed":
            break
        if state.state_name.startswith("Failed") or time.monotonic() > deadline:
            sys.exit(f"import of products.json: {state.state_name} {state.infos}")
        time.sleep(0.5)
    print(f"import of s3://{bucket}/imports/products.json: {state.state_name}, {state.row_count} rows")
    # The loaded collection does not serve imported segments yet: load it again.
    client.release_collection("products")
    client.load_collection("products")

corrections = json.load(open("corrections.json"))["rows"]
if WRONG == "insert-corrections":
    client.insert("products", corrections)
else:
    client.upsert("products", corrections)
print(client.query("products", output_fields=["count(*)"], consistency_level="Strong"))
