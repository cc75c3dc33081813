"""Lab phase6/scale-in: which query node is which.

    python nodes.py

For each query node container: its Milvus node id, how many segments of
`catalog` it holds, and whether it leads the collection's shard (the node a
search reaches first, which asks the others and merges their answers).
"""
import json
import os
import subprocess
import urllib.request

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
leaders = {shard.shard_leader for replica in client.describe_replica("catalog") for shard in replica.shards}
ps = subprocess.run(
    ["docker", "compose", "ps", "--all", "--format", "json", "querynode"],
    capture_output=True, text=True, check=True,
).stdout
for container in sorted((json.loads(line) for line in ps.splitlines() if line.strip()), key=lambda c: c["Name"]):
    name = container["Name"]
    if container["State"] != "running":
        print(f"{name:<45} {container['Status']}")
        continue
    port = next(p["PublishedPort"] for p in container["Publishers"] if p["TargetPort"] == 9091 and p["PublishedPort"])
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    node, segments = None, 0
    for line in metrics.splitlines():
        if 'node_id="' in line and line.startswith("milvus_querynode_"):
            node = int(line.split('node_id="')[1].split('"')[0])
        if line.startswith("milvus_querynode_segment_num{") and 'segment_state="Sealed"' in line:
            segments += int(float(line.split()[-1]))
    leads = "  leads the shard" if node in leaders else ""
    print(f"{name:<45} node {node}  {segments} segments{leads}")
