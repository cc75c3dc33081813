"""Lab phase4/access-log: the nightly report that fails.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python report.py
"""
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
try:
    rows = client.query("events", filter="id < 3", output_fields=["id"])
    print(f"report: {len(rows)} events")
except Exception as error:
    print(f"report failed: {str(error).splitlines()[0]}")
