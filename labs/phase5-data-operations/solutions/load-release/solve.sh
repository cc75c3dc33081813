# Reference solution: read the loaded rows, free the archive, serve only 2026,
# read them again, and sort the operations by what a released collection does.
set -euo pipefail
loaded_rows() { curl -sf "$MILVUS_HTTP/metrics" | awk '/^milvus_querynode_entity_num[{ ]/ {s += $NF} END {printf "%d\n", s}'; }
before=$(loaded_rows)
python - <<'PY'
import os
from pymilvus import MilvusClient
client = MilvusClient(os.environ["MILVUS_URI"])
client.release_collection("orders_archive")
if os.environ.get("LOAD_WRONG") != "keep-orders":
    client.release_collection("orders")
    client.load_partitions("orders", ["y2026"])
PY
after=$(loaded_rows)
python try_ops.py orders_archive | tee ops.log
needs=$(grep 'collection not loaded' ops.log | awk '{printf "%s\"%s\"", (n++ ? ", " : ""), $1}')
printf 'loaded_rows_before = %s\nloaded_rows_after = %s\nneeds_load = [%s]\n' "$before" "$after" "$needs" > memory.toml
cat memory.toml
