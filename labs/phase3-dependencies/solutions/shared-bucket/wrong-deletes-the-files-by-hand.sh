# Plausible wrong answer: deletes the collection's objects from the bucket
# with an S3 client instead of dropping it; Milvus still lists the collection,
# and its metadata now points at files that are gone.
set -euo pipefail
python - <<'PY'
import os
import boto3
from pymilvus import MilvusClient

collection_id = MilvusClient(uri=os.environ["MILVUS_URI"]).describe_collection("events")["collection_id"]
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")
prefix = f"files/insert_log/{collection_id}/"
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="a-bucket", Prefix=prefix).get("Contents", [])]
for key in keys:
    s3.delete_object(Bucket="a-bucket", Key=key)
print(f"deleted {len(keys)} objects under {prefix}")
with open("bucket.toml", "w") as answers:
    answers.write(f'dropped_collection_id = {collection_id}\nsecond_root = "files2"\n')
PY
