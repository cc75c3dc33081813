# Adds a third query node while traffic.py runs, with the Compose flag in
# RECREATE (--no-recreate keeps the running nodes), waits until the new node
# has joined the replica, and stops the traffic a few seconds later. With
# SIGTERM: a background job of a script ignores SIGINT until traffic.py has
# installed its handler, and under load that can be 20 s after its start.
python traffic.py > traffic.out 2>&1 &
traffic=$!
sleep 8
docker compose up --detach --wait --no-deps "$RECREATE" --scale querynode=3 querynode
python "$SOLUTION_DIR/wait-for-replica.py"
sleep 3
kill -TERM "$traffic"
wait "$traffic"
tail -n 3 traffic.out
