# Waits (up to 120 s) until the newest query node reports sealed segments on
# its /metrics: querycoord's balancer has moved work onto it.
newest=$(docker compose ps --format '{{.Name}}' querynode | awk -F- '{ print $NF, $0 }' | sort -n | tail -n 1 | cut -d' ' -f2)
port=$(docker port "$newest" 9091/tcp | head -n 1)
for _ in $(seq 1 120); do
    segments=$(curl -s "http://$port/metrics" | awk '/^milvus_querynode_segment_num/ { s += $2 } END { print s + 0 }')
    if [ "$segments" -gt 0 ]; then
        echo "$newest holds $segments segments"
        return 0
    fi
    sleep 1
done
echo "$newest holds no segments after 120 s" >&2
