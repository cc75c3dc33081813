"""Connect to Milvus as a given party and say whether the server lets it in.

    python whoami.py                 # no credentials at all
    python whoami.py root:Milvus     # user:password

Uses $MILVUS_URI (`cargo xtask env` prints it; a restart changes the port).
"""

import os
import sys

from pymilvus import MilvusClient

token = sys.argv[1] if len(sys.argv) > 1 else ""
who = token.split(":")[0] if token else "nobody"
try:
    client = MilvusClient(os.environ["MILVUS_URI"], token=token)
    collections = client.list_collections()
    print(f"{who}: served ({len(collections)} collections)")
except Exception as error:  # pymilvus raises several types; the message is the lesson
    print(f"{who}: refused: {error}")
