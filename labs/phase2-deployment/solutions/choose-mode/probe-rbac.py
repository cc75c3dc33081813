"""Try users and roles on the lab's Lite server; print the mode that has them."""
import logging
import os

from pymilvus import MilvusClient

logging.disable(logging.CRITICAL)  # pymilvus logs every failed call with a traceback
client = MilvusClient(uri=os.environ["MILVUS_URI"])
try:
    client.create_user("team_a", "Secret123!")
    print("lite")
except Exception as error:  # Lite answers Unimplemented
    print("standalone")
