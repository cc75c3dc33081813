# Reference solution: see that anyone gets in, turn authorization on (read at
# start), rotate root's password, and see who gets in now.
set -euo pipefail
python whoami.py
if [ "${AUTH_WRONG:-}" != keep-auth-off ]; then
    export AUTHORIZATION_ENABLED=true
    docker compose up --detach --wait standalone
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
fi
new_password=${NEW_PASSWORD:-Rotated-2026-root}
if [ "$new_password" != Milvus ]; then
    NEW_PASSWORD=$new_password python - <<'PY'
import os, time
from pymilvus import MilvusClient
# The first calls after a restart may wait for the old sessions to expire.
# A change can also be stored and then fail to reach the old process's
# session ("UpdateCredentialCache failed"): then the new password already works.
uri, new = os.environ["MILVUS_URI"], os.environ["NEW_PASSWORD"]
deadline = time.monotonic() + 60
while True:
    try:
        client = MilvusClient(uri, token="root:Milvus")
        client.update_password("root", "Milvus", new)
        break
    except Exception:
        try:
            MilvusClient(uri, token=f"root:{new}").list_collections()
            break
        except Exception:
            pass
        if time.monotonic() > deadline:
            raise
        time.sleep(2)
PY
fi
printf 'root_password = "%s"\n' "$new_password" > secrets.toml
python whoami.py
python whoami.py root:Milvus
python whoami.py "root:$new_password"
