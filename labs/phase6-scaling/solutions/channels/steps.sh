# Helpers the reference scripts share (source it).

# etcdctl from the deployment's own etcd image: nothing to install.
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }

# Which data node consumes which channel: keys
# by-dev/meta/channelwatch/<node ID>/<channel>.
channel_watches() {
    etcdctl get --prefix --keys-only by-dev/meta/channelwatch/
}

# The data node etcd assigns orders' channel ending in $1 (v0, v1) to.
consumer_of() {
    channel_watches | awk -F/ -v end="$1" '$NF ~ end"$" {print $4}'
}

# The data nodes registered in etcd (by-dev/meta/session/datanode-<ID>).
data_nodes() {
    etcdctl get --prefix --keys-only by-dev/meta/session/datanode- | sed -n 's|.*/datanode-||p'
}

# A data node that is registered but consumes no channel.
idle_data_node() {
    local busy
    busy=$(channel_watches | awk -F/ 'NF > 4 {print $4}')
    comm -23 <(data_nodes | sort) <(echo "$busy" | sort) | head -n 1
}

# The query node leading the shard of orders' channel ending in $1.
shard_leader_of() {
    python - "$1" <<'PY'
import os, sys
from pymilvus import MilvusClient
client = MilvusClient(uri=os.environ["MILVUS_URI"])
print(next(shard.shard_leader for replica in client.describe_replica("orders") for shard in replica.shards
           if shard.channel_name.endswith(sys.argv[1])))
PY
}

# The container of data node $1: the one whose /metrics carries node_id="$1".
container_of() {
    local variable
    for variable in $(compgen -v METRICS_DATANODE_); do
        # Not grep -q: it stops reading early, and curl's SIGPIPE fails the pipe (pipefail).
        if curl -s "${!variable}" | grep "node_id=\"$1\"" > /dev/null; then
            echo "$COMPOSE_PROJECT_NAME-datanode-${variable##*_}"
            return
        fi
    done
    echo "no data node's /metrics carries node_id=\"$1\"" >&2
    return 1
}

# Writes answers.toml: who serves v0 now, and $1 as the predicted successor.
answer() {
    printf 'data_node = %s\nshard_leader = %s\nsuccessor = %s\n' \
        "$(consumer_of v0)" "$(shard_leader_of v0)" "$1" > answers.toml
    cat answers.toml
}

# Starts writer.py in the background and waits until it has recorded three seconds.
start_writer() {
    python writer.py > writer.out 2> writer.err &
    writer=$!
    for _ in $(seq 90); do
        [ "$(cat writer.jsonl 2>/dev/null | wc -l)" -ge 3 ] && return
        sleep 1
    done
    echo "writer.py recorded nothing in 90 s: see writer.err" >&2
    return 1
}

# Stops writer.py (SIGTERM: a script's background job ignores SIGINT) and shows its last line.
stop_writer() {
    kill -TERM "$writer"
    wait "$writer"
    tail -n 1 writer.out
}

# Waits until etcd assigns v0 to a data node other than $1, the killed one.
wait_for_takeover() {
    local node
    for _ in $(seq 90); do
        node=$(consumer_of v0)
        if [ -n "$node" ] && [ "$node" != "$1" ]; then
            echo "v0 is data node $node's now"
            return
        fi
        sleep 1
    done
    echo "no other data node took v0 within 90 s" >&2
    return 1
}
