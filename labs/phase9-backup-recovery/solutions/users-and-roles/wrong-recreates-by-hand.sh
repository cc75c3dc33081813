# Plausible wrong answer: no restore; the user and role are made again by
# hand from what access.py printed. The grants match, but the password is a
# new one: every client holding the old one is locked out.
set -euo pipefail
source "$SOLUTION_DIR/snapshot.sh"
python access.py
python lose-users.py
python - <<'PY'
import os
from pymilvus import MilvusClient
root = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ["MILVUS_TOKEN"])
root.create_user("analyst", "Analyst-Recreated-1")
root.create_role("reader")
for privilege in ("Search", "Query"):
    root.grant_privilege("reader", "Collection", privilege, "orders", db_name="default")
root.grant_role("analyst", "reader")
PY
