"""Lab phase4/config-layers: does the server accept a vector of this dimension?

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python probe.py 2048
It creates a collection with that dimension and drops it again, or prints the
server's refusal.
"""
import os
import sys

from pymilvus import MilvusClient

dimension = int(sys.argv[1])
client = MilvusClient(uri=os.environ["MILVUS_URI"])
name = f"probe_dim_{dimension}"
if client.has_collection(name):
    client.drop_collection(name)
try:
    client.create_collection(collection_name=name, dimension=dimension)
    client.drop_collection(name)
    print(f"dimension {dimension}: accepted")
except Exception as error:
    print(f"dimension {dimension}: refused: {str(error).splitlines()[0]}")
