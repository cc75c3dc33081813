"""Restore a collection's binlogs into the target instance, as milvus-backup
does: create the collection there with the source's schema, bulk-import the
binlog folders with the backup flag, build the source's index, load it, and
count. Refuses a target collection that already has rows: a second import
would add them again.

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
if target.has_collection(target_name):
    # A second import adds every row again (the primary keys are not checked).
    held = target.get_collection_stats(target_name)["row_count"]
    if held:
        sys.exit(f"{target_name} on the target already has {held} rows; to restore again, drop it first: "
                 f"MilvusClient(uri=os.environ['MILVUS2_URI']).drop_collection('{target_name}')")
else:
    target.create_collection(target_name, schema=schema, num_shards=described["num_shards"])

connections.connect(uri=os.environ["MILVUS2_URI"])
task = utility.do_bulk_insert(target_name, partition_name="_default", backup="true", files=paths)
deadline = time.monotonic() + 300
while (state := utility.get_bulk_insert_state(task)).state_name not in ("Completed", "Failed", "Failed and cleaned"):
    if time.monotonic() > deadline:
        sys.exit(f"import {task} still {state.state_name} after 300 s")
    time.sleep(0.5)
print(f"import {task}: {state.state_name}, {state.row_count} rows {state.infos.get('failed_reason', '')}")

# The source's index, with its metric: another metric ranks results differently.
source_index = source.describe_index(name, source.list_indexes(name)[0])
index = target.prepare_index_params()
index.add_index(source_index["field_name"], index_type="AUTOINDEX", metric_type=source_index["metric_type"])
target.create_index(target_name, index)
target.load_collection(target_name)
rows = target.query(target_name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
print(f"{target_name} on the target: {rows} rows")
