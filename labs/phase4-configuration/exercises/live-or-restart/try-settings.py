"""Lab phase4/live-or-restart: what does the server enforce right now?

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python try-settings.py
It tries a user with a 7-character password (and drops it again when
accepted), and a connection without credentials.
"""
import os

from pymilvus import MilvusClient

uri = os.environ["MILVUS_URI"]
root = MilvusClient(uri=uri, token="root:Milvus")
try:
    root.create_user("try_settings_user", "Abc1234")
    root.drop_user("try_settings_user")
    print("password of 7: accepted")
except Exception as error:
    print(f"password of 7: refused: {getattr(error, 'message', str(error))}")
try:
    MilvusClient(uri=uri).has_collection("anything")
    print("no credentials: served")
except Exception as error:
    print(f"no credentials: refused: {str(error).splitlines()[0]}")
