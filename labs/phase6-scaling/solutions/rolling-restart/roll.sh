# Helpers the reference scripts share (source it).

# Starts traffic.py in the background and waits until it has recorded five
# seconds: under load, pymilvus alone can take longer to import than a
# restart takes.
start_traffic() {
    rm -f traffic.jsonl restarts.log
    python traffic.py > traffic.out 2> traffic.err &
    traffic=$!
    for _ in $(seq 90); do
        [ "$(cat traffic.jsonl 2>/dev/null | wc -l)" -ge 5 ] && return
        sleep 1
    done
    echo "traffic.py recorded nothing in 90 s: see traffic.err" >&2
    return 1
}

# Stops traffic.py (with SIGTERM: a script's background job ignores SIGINT)
# and shows its last line.
stop_traffic() {
    kill -TERM "$traffic"
    wait "$traffic"
    tail -n 1 traffic.out
}

# The containers of a service, in Compose's numbering.
containers() {
    docker compose ps --format '{{.Name}}' "$1" | sort -t- -k4 -n
}

# Restarts one container and waits until Docker calls it healthy; notes
# when it began in restarts.log, for costly.py.
restart() {
    echo "$(date +%s.%N) $1" >> restarts.log
    docker restart "$1" > /dev/null
    for _ in $(seq 120); do
        [ "$(docker inspect --format '{{.State.Health.Status}}' "$1")" = healthy ] && { echo "$1 is healthy"; return; }
        sleep 1
    done
    echo "$1 is not healthy after 120 s" >&2
    return 1
}

# Waits until traffic.jsonl has SECONDS lines in a row, all written since
# this call, with searches and all of them whole (no short, failed or
# unreachable one). Lines from before the call do not count: a query node
# that just turned healthy starts answering short seconds later.
wait_whole() {
    local since
    since=$(date +%s.%N)
    for _ in $(seq 240); do
        if python - "$1" "$since" <<'PY'
import json, sys
wanted, since = int(sys.argv[1]), float(sys.argv[2])
fresh = [s for s in map(json.loads, open("traffic.jsonl")) if s["time"] - 1 >= since]
last = fresh[-wanted:]
whole = [s for s in last if s["searches"] and not (s["short"] or s["errors"] or s["unreachable"])]
sys.exit(0 if len(whole) == wanted else 1)
PY
        then
            echo "searches whole for $1 s"
            return
        fi
        sleep 1
    done
    echo "searches were not whole for $1 s in a row within 240 s; the last seconds and errors:" >&2
    kill -0 "$traffic" 2> /dev/null || echo "traffic.py is no longer running" >&2
    tail -n 5 traffic.jsonl traffic.err >&2
    return 1
}

# The rolling restart itself, in the order the upgrade tools use:
# coordinator, index node, data node, each query node, proxy. Each process
# until healthy; each query node also until searches have been whole for
# six seconds (the check asks for three), since a returning node is healthy
# before it serves.
roll_in_order() {
    local service node
    for service in mixcoord indexnode datanode; do
        restart "$(containers $service)"
        wait_whole 3
    done
    for node in $(containers querynode); do
        restart "$node"
        wait_whole 6
    done
    restart "$(containers proxy)"
    wait_whole 3
}
