# Reference solution: count the small segments, compact, wait for the
# server to say Completed, turn auto-compaction back on, and look again.
set -euo pipefail
python segments.py
python - <<'PY' | tee segments.log
import os, time
from pymilvus import MilvusClient
client = MilvusClient(os.environ["MILVUS_URI"])
print(f"segments_before_compaction = {len(client.list_persistent_segments('readings'))}")
if os.environ.get("SEGMENTS_WRONG") == "flush-again":
    # Flushing seals growing segments; it merges nothing. The id is made up.
    client.flush("readings")
    print("compaction_id = 1")
else:
    compaction = client.compact("readings")
    deadline = time.monotonic() + 120
    while client.get_compaction_state(compaction) != "Completed":
        if time.monotonic() > deadline:
            raise SystemExit("compaction did not complete in 120 s")
        time.sleep(1)
    print(f"compaction_id = {compaction}")
if os.environ.get("SEGMENTS_WRONG") != "auto-compaction-off":
    client.alter_collection_properties("readings", {"collection.autocompaction.enabled": True})
PY
grep -E '^(segments_before_compaction|compaction_id) = ' segments.log > segments.toml
python segments.py
