# The plan: the node loads data up to 60 % of its limit and uses about 45 MiB
# on its own; the data's 80 MiB, with its index's lists, need
# (45 + 80 × 1.1) / 0.6 ≈ 222 MiB. Measured, the loaded node used about
# 265 MiB, so 384 MiB leaves room.
export QUERYNODE_MEMORY=384m
docker compose up --detach --wait querynode
python load.py
