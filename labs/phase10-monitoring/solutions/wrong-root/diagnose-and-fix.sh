# Finds the roots in etcd and the one Milvus runs with, records them, and
# restarts Milvus on the root with the data. Wrong answers: RECREATE makes the
# collections again instead, RESTART_ONLY restarts Milvus as it is.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
python app.py
etcdctl get '' --prefix --keys-only | grep -v '^$' | cut -d/ -f1 | sort | uniq -c
running=$(docker compose exec -T standalone env | sed -n 's/^ETCD_ROOTPATH=//p')
data=$(etcdctl get '' --prefix --keys-only | grep -v '^$' | cut -d/ -f1 | sort -u | grep -vx "$running" | head -1)
printf 'data_root = "%s"\nrunning_root = "%s"\n' "${data:-by-dev}" "$running" > diagnosis.toml
cat diagnosis.toml
if [ -n "${RECREATE:-}" ]; then
    python - <<'PY'
import os
from pymilvus import MilvusClient
client = MilvusClient(os.environ["MILVUS_URI"])
for name in ("orders", "events"):
    client.create_collection(name, dimension=8)
PY
elif [ -n "${RESTART_ONLY:-}" ]; then
    docker compose restart standalone
    docker compose up --detach --wait standalone
else
    export ETCD_ROOT_PATH=$data
    docker compose up --detach --wait standalone
fi
export MILVUS_URI="http://$(docker compose port standalone 19530)"
python app.py
python count.py
