"""Lab phase6/lose-a-node: kill a query node under search traffic, and time it.

    python drill.py

Searches `catalog` about 20 times a second, kills the newest query node with
SIGKILL (no goodbye to etcd, as when a machine dies), and measures how long
the coordinator takes to declare it dead: until milvus_querycoord_querynode_num
drops. Then it starts the node again and waits until it is back. Each drill
appends one line to drills.jsonl, which `cargo xtask check` reads: leave it
as the program wrote it.
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

from pymilvus import MilvusClient

LIMIT = 5
ROWS = 8000  # what catalog holds
STALL_SECONDS = 1.0
client = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ.get("MILVUS_TOKEN", ""))
coordinator = os.environ["METRICS_MIXCOORD_1"]


def query_nodes():
    try:
        with urllib.request.urlopen(coordinator, timeout=2) as response:
            for line in response.read().decode().splitlines():
                if line.startswith("milvus_querycoord_querynode_num"):
                    return int(float(line.split()[-1]))
    except (OSError, http.client.HTTPException):  # down, or stopped mid-answer
        pass
    return None


def docker(*args):
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout.strip()


def newest_query_node():
    names = docker("compose", "ps", "--format", "{{.Name}}", "querynode").split()
    return max(names, key=lambda name: int(name.rsplit("-", 1)[1]))


def session_ttl(container):
    env = json.loads(docker("inspect", "--format", "{{json .Config.Env}}", container))
    values = [e.split("=", 1)[1] for e in env if e.startswith("COMMON_SESSION_TTL=")]
    return int(values[0]) if values else 30  # Milvus' default, common.session.ttl


counts = {"searches": 0, "ok": 0, "short": 0, "errors": 0, "stalls": 0, "slowest_ms": 0}
searching = True


def search_loop():
    import random
    while searching:
        started = time.monotonic()
        try:
            hits = client.search("catalog", data=[[random.random() for _ in range(8)]], limit=LIMIT, timeout=30)[0]
            counts["ok" if len(hits) == LIMIT else "short"] += 1
        except Exception:  # every failure counts, whatever its kind
            counts["errors"] += 1
        took = time.monotonic() - started
        counts["searches"] += 1
        counts["stalls"] += took > STALL_SECONDS
        counts["slowest_ms"] = max(counts["slowest_ms"], int(took * 1000))
        time.sleep(0.05)


def serving(nodes):
    """`nodes` query nodes counted, catalog loaded, and reads that see every
    row: a node back from the dead can answer with nothing (count(*) 0) for
    a while."""
    try:
        loaded = str(client.get_load_state("catalog")["state"]).endswith("Loaded")
        if not loaded or query_nodes() != nodes:
            return False
        # Several reads, so that each replica answers some of them.
        for _ in range(10):
            rows = client.query("catalog", filter="", output_fields=["count(*)"], consistency_level="Strong", timeout=10)
            if rows[0]["count(*)"] != ROWS or len(client.query("catalog", filter="id in [0, 4000, 7999]", timeout=10)) != 3:
                return False
        return True
    except Exception:
        return False


def wait_until_serving(nodes):
    """Until serving(nodes); after a restart the coordinator loads catalog
    again by itself. Returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < 180:
        if serving(nodes):
            return time.monotonic() - started
        time.sleep(1)
    sys.exit(f"catalog is not served in full by {nodes} query nodes after 180 s: is the cluster up? (docker compose ps)")


wait_until_serving(2)
victim = newest_query_node()
ttl = session_ttl(victim)
before = query_nodes()
print(f"{before} query nodes; killing {victim} (session TTL {ttl} s) under traffic")
loop = threading.Thread(target=search_loop)
loop.start()
time.sleep(3)  # traffic before the kill, to compare with
docker("kill", "--signal", "KILL", victim)
killed = time.monotonic()
while (query_nodes() or 0) >= before and time.monotonic() - killed < 120:
    print(f"  {time.monotonic() - killed:5.1f} s  still counted; {counts['searches']} searches, "
          f"{counts['errors']} errors, {counts['short']} short, slowest {counts['slowest_ms']} ms", flush=True)
    time.sleep(1)
declared = time.monotonic() - killed
time.sleep(2)
searching = False
loop.join()
print(f"declared dead after {declared:.1f} s; starting {victim} again")
docker("start", victim)
recovered = wait_until_serving(before)
print(f"{victim} is back; every read sees all rows again after {recovered:.1f} s")
drill = {
    "killed": victim,
    "session_ttl_seconds": ttl,
    "declared_dead_after_seconds": round(declared, 1),
    "served_in_full_after_restart_seconds": round(recovered, 1),
    **counts,
}
with open("drills.jsonl", "a") as record:
    record.write(json.dumps(drill) + "\n")
print(json.dumps(drill))
