"""Lab phase6/scale-in: the shop's search traffic, recorded under a name.

    python traffic.py kill           # until Ctrl-C, into kill.jsonl
    python traffic.py drain 40       # for 40 seconds, into drain.jsonl

Searches `catalog` about 15 times a second and, every second, appends to
NAME.jsonl how many searches succeeded with all their hits, came back short
(fewer hits than asked, without an error), failed, or were slow (over
5 seconds: a search waiting on a node that is gone; a busy machine alone
makes some take a second or two), and how many query nodes the coordinator
counted then.
`cargo xtask check` reads both records: leave them as the program wrote them.
A new run under the same name starts that record again.
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

if len(sys.argv) < 2 or sys.argv[1] not in ("kill", "drain"):
    sys.exit("usage: python traffic.py kill|drain [SECONDS]")
NAME = sys.argv[1]
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else float("inf")
LIMIT = 5
SLOW_SECONDS = 5
client = MilvusClient(uri=os.environ["MILVUS_URI"])
coordinator = os.environ["METRICS_MIXCOORD_1"]


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
kinds = ("searches", "ok", "short", "errors", "slow")
totals = dict.fromkeys(kinds, 0)
with open(f"{NAME}.jsonl", "w") as record:
    second = 0
    while not stop and time.monotonic() - started < SECONDS:
        counts = dict.fromkeys(kinds, 0)
        tick = time.monotonic()
        while time.monotonic() - tick < 1 and not stop:
            vector = [random.random() for _ in range(8)]
            counts["searches"] += 1
            began = time.monotonic()
            try:
                hits = client.search("catalog", data=[vector], limit=LIMIT, timeout=10)[0]
                counts["ok" if len(hits) == LIMIT else "short"] += 1
            except Exception as error:  # every failure counts, whatever its kind
                counts["errors"] += 1
                print(f"  error: {type(error).__name__}: {error}", file=sys.stderr)
            if time.monotonic() - began > SLOW_SECONDS:
                counts["slow"] += 1
            time.sleep(0.05)
        second += 1
        nodes = query_nodes()
        record.write(json.dumps({"second": second, "query_nodes": nodes, **counts}) + "\n")
        record.flush()
        for key in totals:
            totals[key] += counts[key]
        failed = totals["short"] + totals["errors"] + totals["slow"]
        print(f"{second:>4} s  {nodes} query nodes  {totals['searches']} searches  {failed} failed "
              f"({totals['short']} short, {totals['errors']} errors, {totals['slow']} slow)", flush=True)
