"""Lab phase6/scale-out: the shop's search traffic, recorded.

    python traffic.py            # until Ctrl-C
    python traffic.py 90         # for 90 seconds

Searches `catalog` about 20 times a second and, every second, appends to
traffic.jsonl how many searches succeeded with all their hits, came back short
(fewer hits than asked, without an error) or failed, and how many query nodes
the coordinator counted then. `cargo xtask check` reads that record: leave it
as the program wrote it. A new run starts a new record.
"""
import signal

stop = False


def finish(*_):
    global stop
    stop = True


# First of all: a stop request that comes while pymilvus loads still counts.
signal.signal(signal.SIGINT, finish)
signal.signal(signal.SIGTERM, finish)

import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

from pymilvus import MilvusClient  # noqa: E402

LIMIT = 5
client = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ.get("MILVUS_TOKEN", ""))
coordinator = os.environ["METRICS_MIXCOORD_1"]
seconds = float(sys.argv[1]) if len(sys.argv) > 1 else float("inf")


def query_nodes():
    """milvus_querycoord_querynode_num on the coordinators' /metrics."""
    try:
        with urllib.request.urlopen(coordinator, timeout=2) as response:
            for line in response.read().decode().splitlines():
                if line.startswith("milvus_querycoord_querynode_num"):
                    return int(float(line.split()[-1]))
    except (OSError, http.client.HTTPException):  # down, or stopped mid-answer
        return None
    return None


started = time.monotonic()
totals = {"searches": 0, "ok": 0, "short": 0, "errors": 0}
with open("traffic.jsonl", "w") as record:
    second = 0
    while not stop and time.monotonic() - started < seconds:
        counts = {"searches": 0, "ok": 0, "short": 0, "errors": 0}
        tick = time.monotonic()
        while time.monotonic() - tick < 1 and not stop:
            vector = [random.random() for _ in range(8)]
            counts["searches"] += 1
            try:
                hits = client.search("catalog", data=[vector], limit=LIMIT, timeout=10)[0]
                counts["ok" if len(hits) == LIMIT else "short"] += 1
            except Exception as error:  # every failure counts, whatever its kind
                counts["errors"] += 1
                print(f"  error: {type(error).__name__}: {error}", file=sys.stderr)
            time.sleep(0.05)
        second += 1
        nodes = query_nodes()
        record.write(json.dumps({"second": second, "query_nodes": nodes, **counts}) + "\n")
        record.flush()
        for key in totals:
            totals[key] += counts[key]
        print(f"{second:>4} s  {nodes} query nodes  {totals['searches']} searches  "
              f"{totals['short']} short  {totals['errors']} errors", flush=True)
