"""Load products.json with a bulk import, then apply corrections.json.

    python import_products.py

products.json and corrections.json are in this folder, in the row-based JSON
form bulk import reads: {"rows": [{"id": ..., "v": [...], "price": ...}, ...]}.
"""

import json
import os
import time

import boto3
from pymilvus import MilvusClient, connections, utility

URI = os.environ["MILVUS_URI"]
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"])
client = MilvusClient(URI)
connections.connect(uri=URI)  # 2.3's bulk import lives in the `utility` API

# TODO 1: find the bucket Milvus uses, and upload products.json into it.
# TODO 2: utility.do_bulk_insert(collection_name="products", files=[KEY]),
#         then poll utility.get_bulk_insert_state(task_id) until it is Completed.
# TODO 3: apply corrections.json: some products get a new price, some are new.
