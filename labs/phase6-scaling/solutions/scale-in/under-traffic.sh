# Usage: source under-traffic.sh NAME COMMAND CONTAINER NODES
# Records traffic as NAME.jsonl, runs `docker COMMAND CONTAINER` once it has
# recorded five seconds, waits until the coordinator counts NODES query nodes, and stops the
# traffic eight seconds later (with SIGTERM: a script's background job
# ignores SIGINT).
rm -f "$1.jsonl"
python traffic.py "$1" > "$1.out" 2>&1 &
traffic=$!
# Until it has recorded a few seconds: under load, pymilvus alone can take
# longer to import than the node takes to leave.
for _ in $(seq 90); do
    [ "$(cat "$1.jsonl" 2>/dev/null | wc -l)" -ge 5 ] && break
    sleep 1
done
docker "$2" "$3"
for _ in $(seq 90); do
    tail -n 1 "$1.jsonl" | grep -q "\"query_nodes\": $4," && break
    sleep 1
done
sleep 8
kill -TERM "$traffic"
wait "$traffic"
tail -n 1 "$1.out"
