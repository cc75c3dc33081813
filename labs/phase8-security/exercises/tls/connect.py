"""Connect to Milvus over TLS, trusting tls/ca.pem and expecting the name
localhost, and say whether the server lets the client in.

    python connect.py          # TLS
    python connect.py plain    # without TLS, as every client did before

Uses the port of $MILVUS_URI (`cargo xtask env`; a restart changes it).
"""

import os
import sys
from urllib.parse import urlparse

from pymilvus import MilvusClient

port = urlparse(os.environ["MILVUS_URI"]).port
try:
    if sys.argv[1:] == ["plain"]:
        client = MilvusClient(f"http://127.0.0.1:{port}")
    else:
        client = MilvusClient(
            f"https://localhost:{port}", secure=True, server_pem_path="tls/ca.pem", server_name="localhost"
        )
    print(f"served: {len(client.list_collections())} collections")
except Exception as error:  # the refusal is the lesson
    print(f"refused: {error}")
