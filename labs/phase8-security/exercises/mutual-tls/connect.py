"""Connect to Milvus over mutual TLS and say whether the server lets the
client in. The client trusts tls/ca.pem for the server (name localhost) and
presents client/client.pem with client/client.key.

    python connect.py            # with the client certificate
    python connect.py no-cert    # TLS, but no client certificate

Uses the port of $MILVUS_URI (`cargo xtask env`; a restart changes it).
"""

import os
import sys
from urllib.parse import urlparse

from pymilvus import MilvusClient

port = urlparse(os.environ["MILVUS_URI"]).port
tls = {"secure": True, "server_name": "localhost"}
if sys.argv[1:] == ["no-cert"]:
    tls["server_pem_path"] = "tls/ca.pem"
else:
    tls.update(ca_pem_path="tls/ca.pem", client_pem_path="client/client.pem", client_key_path="client/client.key")
try:
    client = MilvusClient(f"https://localhost:{port}", **tls)
    print(f"served: {len(client.list_collections())} collections")
except Exception as error:  # the refusal is the lesson
    print(f"refused: {error}")
