# Plausible wrong answer: runs the finished script twice, inserting every row twice
# (Milvus does not deduplicate primary keys on insert), so the count is 200.
set -euo pipefail
cp "$SOLUTION_DIR/quickstart.py" quickstart.py
python quickstart.py
python - <<'PY'
import math, os
from pymilvus import MilvusClient
client = MilvusClient(uri=os.environ["MILVUS_URI"])
rows = [{"id": i, "vector": [math.sin(i * 0.37 + k) for k in range(8)], "title": f"doc-{i}"} for i in range(100)]
client.insert("quickstart", rows)
PY
cat > lite-limits.toml <<'ANSWERS'
partitions = "supported"
users_and_roles = "unsupported"
ANSWERS
