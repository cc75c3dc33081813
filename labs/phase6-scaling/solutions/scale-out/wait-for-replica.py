"""Waits (up to 120 s) until catalog's replica lists three query nodes: the
new node has joined it. While nodes restart, Milvus may answer with an error
(no shard leader): that is not an answer yet."""
import os
import sys
import time

from pymilvus import MilvusClient
from pymilvus.exceptions import MilvusException

client = MilvusClient(uri=os.environ["MILVUS_URI"])
started = time.monotonic()
while time.monotonic() - started < 120:
    try:
        nodes = {node for replica in client.describe_replica("catalog") for node in replica.group_nodes}
    except MilvusException as error:
        print(f"not yet: {error.message[:120]}")
        nodes = set()
    if len(nodes) == 3:
        print(f"the replica spans nodes {sorted(nodes)} after {time.monotonic() - started:.1f} s")
        sys.exit(0)
    time.sleep(1)
sys.exit("the replica does not span three query nodes after 120 s")
