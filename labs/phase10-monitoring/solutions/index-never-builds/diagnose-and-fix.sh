# Reads the index's state and the index node's error, records both, and
# replaces the index with INDEX_TYPE (HNSW; a wrong answer builds the same
# again), unless WAIT_ONLY, which only gives the build more time.
python app.py 6
log=$(docker compose logs --no-log-prefix standalone)
line=$(grep -m1 'failed to build index' <<< "$log")
error=$(sed -E 's/.*\[error="([^"]*)"\].*/\1/' <<< "$line" | sed 's/\\n.*//')
printf 'index_type = "DISKANN"\nerror = "%s"\n' "$error" > diagnosis.toml
cat diagnosis.toml
if [ -n "${WAIT_ONLY:-}" ]; then
    python app.py 15
else
    INDEX_TYPE=${INDEX_TYPE:-HNSW} python - <<'PY'
import os
from pymilvus import MilvusClient
client = MilvusClient(os.environ["MILVUS_URI"])
client.release_collection("products")
client.drop_index("products", "vector")
index_type = os.environ["INDEX_TYPE"]
# HNSW needs its graph parameters; DISKANN takes its defaults.
build = {"M": 16, "efConstruction": 64} if index_type == "HNSW" else {}
params = client.prepare_index_params()
params.add_index("vector", index_type=index_type, metric_type="COSINE", params=build)
try:
    client.create_index("products", params, timeout=10)
    client.load_collection("products", timeout=30)
except Exception as error:
    print("not built:", error)
PY
    python app.py 6
fi
