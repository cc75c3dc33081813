"""Copy the object store's bucket to a folder, or a folder back into the
bucket, through the S3 API (what `mc mirror` or `aws s3 sync` do).

    python bucket.py save backup/bucket    # every object, its key as the path
    python bucket.py load backup/bucket    # creates the bucket if it is missing

Uses $S3_ENDPOINT, $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY (`cargo xtask
env` prints them; a restart of the object store changes the endpoint).
"""

import os
import pathlib
import sys

import boto3

BUCKET = "a-bucket"
direction, folder = sys.argv[1], pathlib.Path(sys.argv[2])
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")

copied = 0
if direction == "save":
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            target = folder / item["Key"]
            target.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(BUCKET, item["Key"], str(target))
            copied += 1
elif direction == "load":
    if not folder.is_dir():
        sys.exit(f"{folder} does not exist: nothing to load")
    if BUCKET not in [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=BUCKET)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        s3.upload_file(str(path), BUCKET, path.relative_to(folder).as_posix())
        copied += 1
else:
    sys.exit("usage: python bucket.py save|load FOLDER")
print(f"{direction}: {copied} objects between {BUCKET} and {folder}")
