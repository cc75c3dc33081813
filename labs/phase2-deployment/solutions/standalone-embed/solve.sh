# Reference solution: check health, write and flush the data, then read the
# version and the session keys with the real tools and record them.
set -euo pipefail
curl -fsS "$MILVUS_HTTP/healthz"; echo
cp "$SOLUTION_DIR/embed.py" embed.py
python embed.py
version=$(python -c 'import os; from pymilvus import MilvusClient; print(MilvusClient(uri=os.environ["MILVUS_URI"]).get_server_version())')
components=$(docker run --rm --network host "$ETCD_IMAGE" \
    etcdctl --endpoints="$ETCDCTL_ENDPOINTS" get --prefix --keys-only by-dev/meta/session/ \
    | sed -n 's|^by-dev/meta/session/||p' | sed 's/-[0-9]*$//' | grep -vx -e id -e version \
    | sort -u | sed 's/.*/"&"/' | paste -sd, -)
cat > standalone.toml <<ANSWERS
server_version = "$version"
components = [$components]
ANSWERS
cat standalone.toml
