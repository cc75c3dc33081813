# Reference solution: delete the legacy events, see that storage still holds
# them, compact, and see it does not any more.
set -euo pipefail
python - <<'PY' | tee space.log
import os, time
from pymilvus import MilvusClient
client = MilvusClient(os.environ["MILVUS_URI"])
client.delete("events", filter='source == "legacy"')
client.flush("events")
rows = sum(s.num_rows for s in client.list_persistent_segments("events"))
print(f"segment_rows_before_compaction = {rows}")
if os.environ.get("SPACE_WRONG") != "no-compaction":
    compaction = client.compact("events")
    deadline = time.monotonic() + 120
    while client.get_compaction_state(compaction) != "Completed":
        if time.monotonic() > deadline:
            raise SystemExit("compaction did not complete in 120 s")
        time.sleep(1)
    print(f"compaction_id = {compaction}")
PY
grep -E '^(segment_rows_before_compaction|compaction_id) = ' space.log > space.toml
python segments.py
