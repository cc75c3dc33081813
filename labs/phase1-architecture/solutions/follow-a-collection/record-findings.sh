# What a learner types: the id from trail.py, etcdctl for the keys, boto3 for
# the objects (any S3 client would do).
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
id=$(python trail.py | tail -n 1)
key=$(etcdctl get --prefix --keys-only by-dev/meta/root-coord/database/collection-info/ | grep "/$id\$")
segments=$(etcdctl get --prefix --keys-only "by-dev/meta/datacoord-meta/s/$id/" | grep -c . || true)
objects=$(python - "$id" files <<'PY'
import os, sys
import boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], region_name="us-east-1")
bucket = s3.list_buckets()["Buckets"][0]["Name"]
pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{sys.argv[2]}/insert_log/{sys.argv[1]}/")
print(sum(len(page.get("Contents", [])) for page in pages))
PY
)
cat > trail.toml <<ANSWERS
collection_id = $id
collection_key = "$key"
segments = $segments
insert_log_objects = $objects
ANSWERS
