"""Lab phase6/rolling-restart: the shop's traffic, searches and orders, recorded.

    python traffic.py            # until Ctrl-C, into traffic.jsonl

Searches `catalog` and inserts rows into `orders`, and every second appends
to traffic.jsonl what happened: searches that succeeded with all their hits,
came back short (fewer hits, no error) or failed; inserts that succeeded or
failed; requests that found no proxy to talk to; how many query nodes the
coordinator counted; and the ids of the orders Milvus acknowledged.
`cargo xtask check` reads it: leave it as the program wrote it. A new run
starts the record again.

A restarted proxy comes back on a new port here (Compose publishes it on a
free one). traffic.py then asks `docker compose port proxy 19530` for the new
one, as a client behind a load balancer or a Kubernetes Service would simply
reconnect to the same name.
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
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

from pymilvus import MilvusClient  # noqa: E402

LIMIT = 5
ORDERS_PER_INSERT = 10
KINDS = ("searches", "ok", "short", "errors", "inserts", "insert_errors", "unreachable")


def proxy_uri():
    """The proxy's address now, from Compose (it changes when the proxy restarts)."""
    try:
        port = subprocess.run(["docker", "compose", "port", "proxy", "19530"], capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        port = ""
    return f"http://{port}" if port else None


def connect():
    uri = proxy_uri() or os.environ["MILVUS_URI"]
    try:
        return MilvusClient(uri=uri, timeout=5)
    except Exception:  # the proxy is not up yet
        return None


def metrics_url(service):
    try:
        port = subprocess.run(["docker", "compose", "port", service, "9091"], capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        port = ""
    return f"http://{port}/metrics" if port else None


coordinator = None  # its /metrics URL, asked for again when it stops answering


def query_nodes():
    """milvus_querycoord_querynode_num on the coordinator's /metrics (None while it restarts)."""
    global coordinator
    for _ in range(2):
        coordinator = coordinator or metrics_url("mixcoord")
        if not coordinator:
            return None
        try:
            with urllib.request.urlopen(coordinator, timeout=2) as response:
                for line in response.read().decode().splitlines():
                    if line.startswith("milvus_querycoord_querynode_num"):
                        return int(float(line.split()[-1]))
        except (OSError, http.client.HTTPException):  # down, or stopped mid-answer
            pass
        coordinator = None  # a restarted coordinator comes back on a new port
    return None


def unreachable(error):
    """No proxy answered (refused, or gone mid-call), as opposed to a proxy
    that answered with an error: the proxy's own restart, which a client
    behind a load balancer with two proxies would not see."""
    text = str(error)
    return "Fail connecting to server" in text or "StatusCode.UNAVAILABLE" in text


client = connect()
next_id = int(time.time() * 1000) * 1000  # after any earlier run's orders
acked = []  # [first, end) id ranges Milvus acknowledged, in order
totals = dict.fromkeys(KINDS, 0)
with open("traffic.jsonl", "w") as record:
    second = 0
    while not stop:
        counts = dict.fromkeys(KINDS, 0)
        acked_now = []
        tick = time.monotonic()
        while time.monotonic() - tick < 1 and not stop:
            if client is None:
                client = connect()
                if client is None:
                    counts["unreachable"] += 1
                    time.sleep(0.2)
                    continue
            counts["searches"] += 1
            try:
                vector = [random.random() for _ in range(8)]
                hits = client.search("catalog", data=[vector], limit=LIMIT, timeout=10)[0]
                counts["ok" if len(hits) == LIMIT else "short"] += 1
            except Exception as error:  # every failure counts, whatever its kind
                if unreachable(error):
                    counts["unreachable"] += 1
                    client = None
                else:
                    counts["errors"] += 1
                print(f"  search: {type(error).__name__}: {str(error)[:200]}", file=sys.stderr)
            if client is None:
                continue
            counts["inserts"] += 1
            ids = list(range(next_id, next_id + ORDERS_PER_INSERT))
            next_id += ORDERS_PER_INSERT
            try:
                rows = [{"id": i, "vector": [random.random() for _ in range(8)]} for i in ids]
                client.insert("orders", rows, timeout=10)
                if acked_now and acked_now[-1][1] == ids[0]:
                    acked_now[-1][1] = ids[-1] + 1
                else:
                    acked_now.append([ids[0], ids[-1] + 1])
            except Exception as error:
                if unreachable(error):
                    counts["unreachable"] += 1
                    client = None
                else:
                    counts["insert_errors"] += 1
                print(f"  insert: {type(error).__name__}: {str(error)[:200]}", file=sys.stderr)
            time.sleep(0.05)
        second += 1
        nodes = query_nodes()
        record.write(json.dumps({"second": second, "time": round(time.time(), 1), "query_nodes": nodes, **counts,
                                 "acked": acked_now}) + "\n")
        record.flush()
        for key in totals:
            totals[key] += counts[key]
        print(f"{second:>4} s  {nodes} query nodes  searches {totals['searches']} ({totals['short']} short, "
              f"{totals['errors']} failed)  inserts {totals['inserts']} ({totals['insert_errors']} failed)  "
              f"unreachable {totals['unreachable']}", flush=True)
