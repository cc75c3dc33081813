# Loads at the lab's limit: the load stops part of the way, and the query
# node's log says why.
STALL_SECONDS=20 python load.py || true
docker compose logs --no-log-prefix querynode > querynode.log
grep -m 1 "OOM if load" querynode.log
