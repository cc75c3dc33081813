# The plan: the node loads data up to 15 % of its limit. It uses about 45 MiB
# on its own, and measured here, loading the 80 MiB of vectors took it to
# 200-265 MiB (about three times the raw size). (45 + 3 × 80) / 0.15 is
# 1900 MiB; 3072 MiB leaves room for what the prediction misses.
export QUERYNODE_MEMORY=3072m
docker compose up --detach --wait querynode
# Patient: under load, the coordinator can take a while to send the segments
# it was refused again.
STALL_SECONDS=120 python load.py
