# What a learner types to record their findings: the server's version from
# pymilvus, and the component roles from the session keys, read with etcdctl.
version=$(python -c 'import os; from pymilvus import MilvusClient; print(MilvusClient(uri=os.environ["MILVUS_URI"]).get_server_version())')
components=$(docker run --rm --network host "$ETCD_IMAGE" \
    etcdctl --endpoints="$ETCDCTL_ENDPOINTS" get --prefix --keys-only by-dev/meta/session/ \
    | sed -n 's|^by-dev/meta/session/||p' | sed 's/-[0-9]*$//' | grep -vx -e id -e version \
    | sort -u | sed 's/.*/"&"/' | paste -sd, -)
cat > standalone.toml <<ANSWERS
server_version = "$version"
components = [$components]
ANSWERS
