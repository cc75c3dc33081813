"""Restore a collection's binlogs into the target instance, as milvus-backup
does: create the collection there with the source's schema, bulk-import the
binlog folders with the backup flag, index and load it, and count.

    python restore.py orders files2/backup/insert_log/<C>/<P>/ files2/backup/delta_log/<C>/<P>/
    python restore.py orders <insert_log folder> <delta_log folder> --as orders_v2

The two paths are object keys in the bucket, from its top, the target's
root (files2/) included: one partition's insert_log folder, then its
delta_log folder. With the backup flag the import takes exactly these two.
The keys are in the target's own bucket. Reads the schema from $MILVUS_URI
(the source) and restores into $MILVUS2_URI (the target), under the same
name or the one after --as.
"""

import os
import sys
import time
import warnings

from pymilvus import DataType, MilvusClient, connections, utility

warnings.filterwarnings("ignore", category=DeprecationWarning)  # 2.3 has only the ORM's bulk insert

arguments = sys.argv[1:]
target_name = None
if len(arguments) >= 2 and arguments[-2] == "--as":
    target_name, arguments = arguments[-1], arguments[:-2]
if len(arguments) < 2:
    sys.exit(__doc__)
name, paths = arguments[0], arguments[1:]
target_name = target_name or name
source = MilvusClient(uri=os.environ["MILVUS_URI"])
target = MilvusClient(uri=os.environ["MILVUS2_URI"])

# The same fields in the same order get the same field ids, which the
# binlogs' folders are named by.
described = source.describe_collection(name)
schema = MilvusClient.create_schema(auto_id=described["auto_id"], enable_dynamic_field=described["enable_dynamic_field"])
for field in described["fields"]:
    schema.add_field(field["name"], field["type"], is_primary=field.get("is_primary", False), **field["params"])
if not target.has_collection(target_name):
    target.create_collection(target_name, schema=schema, num_shards=described["num_shards"])

connections.connect(uri=os.environ["MILVUS2_URI"])
task = utility.do_bulk_insert(target_name, partition_name="_default", backup="true", files=paths)
while (state := utility.get_bulk_insert_state(task)).state_name not in ("Completed", "Failed"):
    time.sleep(0.5)
print(f"import {task}: {state.state_name}, {state.row_count} rows {state.infos.get('failed_reason', '')}")

index = target.prepare_index_params()
index.add_index("vector", index_type="AUTOINDEX", metric_type="L2")
target.create_index(target_name, index)
target.load_collection(target_name)
rows = target.query(target_name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
print(f"{target_name} on the target: {rows} rows")
