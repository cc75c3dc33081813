"""Lab phase6/channels: inserts into `orders`, and every second records who
consumes its v0 channel.

    python writer.py            # until Ctrl-C, into writer.jsonl

About 60 to 90 rows a second. Each second appends to writer.jsonl the ids Milvus
acknowledged, the inserts that failed, the data node etcd assigns `orders`'
v0 channel to, whether that node answers on its /metrics (the
METRICS_DATANODE_* of `cargo xtask env`) and whether it still has its etcd
session. `cargo xtask check` reads it: leave it as the program wrote it. A
new run starts the record again.
"""
import signal

stop = False


def finish(*_):
    global stop
    stop = True


# First of all: a stop request that comes while pymilvus loads still counts.
signal.signal(signal.SIGINT, finish)
signal.signal(signal.SIGTERM, finish)

import base64  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

from pymilvus import MilvusClient  # noqa: E402

ROWS_PER_INSERT = 10
META = "by-dev/meta/"
ETCD = "http://" + os.environ["ETCDCTL_ENDPOINTS"].split(",")[0].removeprefix("http://")


def etcd_keys(prefix):
    """The keys under `prefix`, through etcd's JSON gateway (etcdctl get --prefix --keys-only)."""
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    body = json.dumps({"key": base64.b64encode(prefix.encode()).decode(),
                       "range_end": base64.b64encode(end.encode()).decode(), "keys_only": True}).encode()
    request = urllib.request.Request(ETCD + "/v3/kv/range", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return [base64.b64decode(kv["key"]).decode() for kv in json.load(response).get("kvs", [])]


def metrics(url):
    """The text of a node's /metrics, or None if it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except (OSError, http.client.HTTPException):
        return None


def data_node_metrics():
    """{node ID: its /metrics URL} for the data nodes that answer now."""
    urls = {}
    for name, url in os.environ.items():
        found = name.startswith("METRICS_DATANODE_") and re.search(r'node_id="(\d+)"', metrics(url) or "")
        if found:
            urls[int(found.group(1))] = url
    return urls


def v0_consumer(collection_id, urls):
    """The data node etcd assigns v0 to (None if none or etcd does not answer), whether
    it answers on its /metrics, and whether it has an etcd session."""
    try:
        watched = etcd_keys(META + "channelwatch/")
        sessions = etcd_keys(META + "session/datanode-")
    except (OSError, http.client.HTTPException):
        return None, False, False
    nodes = [key.split("/")[3] for key in watched if key.endswith(f"_{collection_id}v0")]
    if not nodes:
        return None, False, False
    node = int(nodes[0])
    registered = f"{META}session/datanode-{node}" in sessions
    # A node that did not answer when writer.py started counts as up while registered.
    answers = metrics(urls[node]) is not None if node in urls else registered
    return node, answers, registered


client = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ.get("MILVUS_TOKEN", ""))
collection_id = client.describe_collection("orders")["collection_id"]
urls = data_node_metrics()
next_id = int(time.time() * 1000) * 1000  # after the seeded rows and any earlier run's
totals = {"acked": 0, "failed": 0}
with open("writer.jsonl", "w") as record:
    second = 0
    while not stop:
        acked, failed = [], 0
        tick = time.monotonic()
        while time.monotonic() - tick < 1 and not stop:
            ids = list(range(next_id, next_id + ROWS_PER_INSERT))
            next_id += ROWS_PER_INSERT
            try:
                client.insert("orders", [{"id": i, "vector": [random.random() for _ in range(8)]} for i in ids],
                              timeout=10)
                if acked and acked[-1][1] == ids[0]:
                    acked[-1][1] = ids[-1] + 1
                else:
                    acked.append([ids[0], ids[-1] + 1])
            except Exception as error:  # every failure counts, whatever its kind
                failed += 1
                print(f"  insert: {type(error).__name__}: {str(error)[:200]}", file=sys.stderr)
            time.sleep(0.1)
        second += 1
        node, answers, registered = v0_consumer(collection_id, urls)
        record.write(json.dumps({"second": second, "time": round(time.time(), 1), "consumer": node,
                                 "consumer_answers": answers, "consumer_registered": registered, "acked": acked,
                                 "failed": failed}) + "\n")
        record.flush()
        totals["acked"] += sum(end - first for first, end in acked)
        totals["failed"] += failed
        if node is None:
            state = "no data node"
        elif answers:
            state = f"data node {node}"
        else:
            state = f"data node {node}, down" + (" (still registered in etcd)" if registered else "")
        print(f"{second:>4} s  v0: {state:<48} rows acknowledged {totals['acked']} ({totals['failed']} inserts failed)",
              flush=True)
