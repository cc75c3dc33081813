"""Loads `embeddings` and follows its progress until all of its 40,960 rows can
be read, or until the progress has not moved for STALL_SECONDS (30). A load
Milvus cannot finish does not fail on the client: it waits, so this script
says when to stop waiting. If the collection says it is loaded but rows stay
unreadable for RELOAD_SECONDS (30), it releases and loads it once more.

    python load.py
"""

import os
import sys
import time

from pymilvus import MilvusClient
from pymilvus.exceptions import MilvusException

COLLECTION = "embeddings"
# The rows the lab wrote. get_collection_stats is no substitute: on 2.3.5 it
# reported 38,413 of them.
ROWS = 40_960
STALL_SECONDS = float(os.environ.get("STALL_SECONDS", "30"))
# Seen once on 2.3.5 after the query node was recreated: "Loaded", 850 rows
# short, for two minutes; a release and a new load serve them all. (With
# STALL_SECONDS under 30 the stall ends the wait first.)
RELOAD_SECONDS = 30

client = MilvusClient(os.environ["MILVUS_URI"])


def ask_to_load():
    # Right after a query node is recreated, the coordinator can still count
    # its old session and refuse the request ("unrecoverable error"): ask again.
    asked = time.monotonic()
    while True:
        try:
            client.load_collection(COLLECTION, _async=True)
            return
        except MilvusException as error:
            if time.monotonic() - asked > STALL_SECONDS:
                sys.exit(f"Milvus refused to load {COLLECTION} for {STALL_SECONDS:.0f} s: {error.message}")
            print(f"load refused ({error.message}); asking again", flush=True)
            time.sleep(2)


ask_to_load()
last, moved, reloaded = None, time.monotonic(), False
while True:
    state = client.get_load_state(COLLECTION)
    if state["state"].name == "Loaded":
        # "Loaded" is the coordinator's view: a query node that was just
        # recreated still has to take the segments back.
        rows = client.query(COLLECTION, output_fields=["count(*)"])[0]["count(*)"]
        progress = f"loaded, {rows} of {ROWS} rows readable"
        if rows == ROWS:
            print(f"{COLLECTION} is loaded: {rows} rows")
            sys.exit(0)
    else:
        progress = f"{state.get('progress', 0)}%"
    if progress != last:
        print(f"loading {COLLECTION}: {progress}", flush=True)
        last, moved = progress, time.monotonic()
    elif progress.startswith("loaded") and not reloaded and time.monotonic() - moved > RELOAD_SECONDS:
        print(f"{progress} for {RELOAD_SECONDS} s: releasing {COLLECTION} and loading it again", flush=True)
        try:
            client.release_collection(COLLECTION)
        except MilvusException as error:
            sys.exit(f"Milvus refused to release {COLLECTION}: {error.message}")
        ask_to_load()
        last, moved, reloaded = None, time.monotonic(), True
    elif time.monotonic() - moved > STALL_SECONDS:
        if progress.startswith("loaded"):
            print(f"stuck at {progress} for {STALL_SECONDS:.0f} s, a reload included: docker compose logs querynode")
        else:
            print(
                f"stuck at {progress} for {STALL_SECONDS:.0f} s. The client is not told why;"
                " the query node's log says: docker compose logs querynode | grep 'OOM if load'"
            )
        sys.exit(1)
    time.sleep(1)
