# Reference solution: read the heap with catalog loaded, restart Milvus with
# an mmap directory (read at start only), read it again, and record.
set -euo pipefail
without=$(python memory.py | tee /dev/stderr | sed -n 's/^RssAnon in MB: //p')
if [ "${MMAP_WRONG:-}" = property ]; then
    # The 2.4+ way: accepted by 2.3.5, and ignored.
    python - <<'PY'
import os
from pymilvus import MilvusClient
client = MilvusClient(os.environ["MILVUS_URI"])
client.release_collection("catalog")
client.alter_collection_properties("catalog", {"mmap.enabled": True})
PY
    docker compose restart standalone
    docker compose up --detach --wait standalone
else
    export MMAP_DIR_PATH=/var/lib/milvus/mmap
    docker compose up --detach --wait standalone
fi
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python - <<'PY'
import os
from pymilvus import MilvusClient
# A restart loads what was loaded before; load waits until it has.
MilvusClient(os.environ["MILVUS_URI"]).load_collection("catalog")
PY
with=$(python memory.py | tee /dev/stderr | sed -n 's/^RssAnon in MB: //p')
cat > memory.toml <<TOML
switch = "${SWITCH_ANSWER:-queryNode.mmapDirPath}"
rss_anon_mb_without_mmap = $without
rss_anon_mb_with_mmap = $with
TOML
cat memory.toml
