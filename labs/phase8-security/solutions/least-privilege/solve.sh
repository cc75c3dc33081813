# Reference solution: a user, a role with Search and Query on docs only (the
# 2.3 API: object type and name), the role granted to the user; then try.
set -euo pipefail
python - <<'PY'
import os
from pymilvus import MilvusClient
root = MilvusClient(os.environ["MILVUS_URI"], token="root:Milvus")
root.create_user("analyst", "Analyst-2026")
root.create_role("docs_reader")
scope = os.environ.get("GRANT_SCOPE", "docs")
for privilege in ("Search", "Query"):
    root.grant_privilege("docs_reader", "Collection", privilege, scope, db_name="default")
root.grant_role("analyst", os.environ.get("ANALYST_ROLE", "docs_reader"))
print(root.describe_role("docs_reader"))
PY
# Grants reach the proxies' cache within a moment.
sleep 2
python try_as.py analyst Analyst-2026
