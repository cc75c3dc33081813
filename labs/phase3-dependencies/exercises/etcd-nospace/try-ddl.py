"""Lab phase3/etcd-nospace: try a metadata write (a DDL) and print what Milvus says.

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python try-ddl.py
"""
import logging
import os

from pymilvus import MilvusClient, MilvusException

logging.disable(logging.CRITICAL)  # pymilvus logs every failed call with a traceback
client = MilvusClient(uri=os.environ["MILVUS_URI"])
try:
    client.create_collection(collection_name="ddl_probe", dimension=8)
    client.drop_collection("ddl_probe")
    print("ok: created and dropped ddl_probe")
except MilvusException as error:
    print(f"failed: code={error.code} message={error.message}")
