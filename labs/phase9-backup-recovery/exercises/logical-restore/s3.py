"""List and copy objects through the S3 API (what `aws s3 ls` and `aws s3 cp
--recursive` do). A path is a key prefix in the bucket Milvus uses,
a-bucket, or `s3://<bucket>/<prefix>` in another one.

    python s3.py ls files/insert_log/            # the folders (and objects) one level down
    python s3.py cp files/delta_log/123/ files2/backup/delta_log/123/
                                                 # every object under the first prefix
    python s3.py cp files/insert_log/123/ s3://b-bucket/files2/backup/insert_log/123/

Uses $S3_ENDPOINT, $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY (`cargo xtask
env` prints them).
"""

import os
import sys

import boto3

BUCKET = "a-bucket"
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")
pages = s3.get_paginator("list_objects_v2")


def located(path):
    """(bucket, prefix) of `s3://bucket/prefix`, or of a prefix in a-bucket."""
    if path.startswith("s3://"):
        bucket, _, prefix = path[len("s3://") :].partition("/")
        return bucket, prefix
    return BUCKET, path


if len(sys.argv) == 3 and sys.argv[1] == "ls":
    bucket, prefix = located(sys.argv[2])
    for page in pages.paginate(Bucket=bucket, Prefix=prefix, Delimiter="/"):
        for folder in page.get("CommonPrefixes", []):
            print(folder["Prefix"])
        for item in page.get("Contents", []):
            print(item["Key"], item["Size"])
elif len(sys.argv) == 4 and sys.argv[1] == "cp":
    (source_bucket, source), (target_bucket, target) = located(sys.argv[2]), located(sys.argv[3])
    copied = 0
    for page in pages.paginate(Bucket=source_bucket, Prefix=source):
        for item in page.get("Contents", []):
            key = target + item["Key"][len(source) :]
            s3.copy_object(Bucket=target_bucket, Key=key, CopySource={"Bucket": source_bucket, "Key": item["Key"]})
            copied += 1
    print(f"copied {copied} objects from {sys.argv[2]} to {sys.argv[3]}")
else:
    sys.exit("usage: python s3.py ls PATH | python s3.py cp SOURCE_PATH TARGET_PATH")
