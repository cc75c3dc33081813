"""List and copy objects in the bucket both Milvus instances share, through
the S3 API (what `aws s3 ls` and `aws s3 cp --recursive` do).

    python s3.py ls files/insert_log/            # the folders (and objects) one level down
    python s3.py cp files/delta_log/123/ files2/backup/delta_log/123/
                                                 # every object under the first prefix

Uses $S3_ENDPOINT, $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY (`cargo xtask
env` prints them).
"""

import os
import sys

import boto3

BUCKET = "a-bucket"
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")
pages = s3.get_paginator("list_objects_v2")

if len(sys.argv) == 3 and sys.argv[1] == "ls":
    for page in pages.paginate(Bucket=BUCKET, Prefix=sys.argv[2], Delimiter="/"):
        for folder in page.get("CommonPrefixes", []):
            print(folder["Prefix"])
        for item in page.get("Contents", []):
            print(item["Key"], item["Size"])
elif len(sys.argv) == 4 and sys.argv[1] == "cp":
    source, target = sys.argv[2], sys.argv[3]
    copied = 0
    for page in pages.paginate(Bucket=BUCKET, Prefix=source):
        for item in page.get("Contents", []):
            key = target + item["Key"][len(source) :]
            s3.copy_object(Bucket=BUCKET, Key=key, CopySource={"Bucket": BUCKET, "Key": item["Key"]})
            copied += 1
    print(f"copied {copied} objects from {source} to {target}")
else:
    sys.exit("usage: python s3.py ls PREFIX | python s3.py cp SOURCE_PREFIX TARGET_PREFIX")
