# Plausible wrong answer: records the traffic, but never adds the node.
set -euo pipefail
python traffic.py > traffic.out 2>&1 &
traffic=$!
sleep 10
kill -TERM "$traffic"
wait "$traffic"
tail -n 3 traffic.out
