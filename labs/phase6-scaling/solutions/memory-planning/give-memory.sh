# The plan: the node loads data up to 60 % of its limit. It uses about 45 MiB
# on its own, and measured here, loading the 80 MiB of vectors took it to
# 200-265 MiB (about three times the raw size). (45 + 3 × 80) / 0.6 is
# 475 MiB; 640 MiB leaves room. At 384 MiB the node still refused the last
# segments at 235 MiB, and under load never took them.
export QUERYNODE_MEMORY=640m
docker compose up --detach --wait querynode
# Patient: under load, the coordinator can take a while to send the segments
# it was refused again.
STALL_SECONDS=120 python load.py
