"""Lab phase6/upgrade: what `books` holds, on whichever version answers.

    python books.py          # the server's version, and books' rows now
    python books.py --wait   # the same, once books can be read (after a start)

Reads every primary key at Strong consistency (2.2 has no count(*)) and
prints how many rows there are, the smallest and largest id and a digest:
run it before and after the upgrade, and compare.
"""
import hashlib
import logging
import os
import sys
import time

from pymilvus import MilvusClient

# Each failed try would print a traceback: the loop below says what failed.
logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
client = MilvusClient(uri=os.environ["MILVUS_URI"], timeout=10)
deadline = time.monotonic() + (120 if "--wait" in sys.argv else 0)
while True:
    try:
        keys = sorted(row["id"] for row in client.query("books", filter="id >= 0", output_fields=["id"],
                                                        limit=16384, consistency_level="Strong"))
        break
    except Exception as error:  # not loaded yet, or still catching up after a start
        if time.monotonic() > deadline:
            sys.exit(f"books cannot be read: {error}")
        time.sleep(3)
digest = hashlib.sha256(",".join(map(str, keys)).encode()).hexdigest()[:16]
print(f"{client.get_server_version()}  books: {len(keys)} rows, ids {keys[0] if keys else '-'}"
      f"..{keys[-1] if keys else '-'}, digest {digest}")
