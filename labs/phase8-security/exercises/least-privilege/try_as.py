"""Try what a user may do: search and query docs, insert into docs, search
payroll, create and drop a collection, list users. Prints allowed or the
server's refusal for each. Changes nothing it is allowed to change for long:
an inserted row is deleted again, and it drops only what it created.

    python try_as.py analyst Analyst-2026

Uses $MILVUS_URI (`cargo xtask env` prints it).
"""

import logging
import os
import sys

from pymilvus import MilvusClient

# pymilvus logs every refused call before raising it; the lines below say it once.
logging.getLogger("pymilvus").setLevel(logging.CRITICAL)

user, password = sys.argv[1], sys.argv[2]
client = MilvusClient(os.environ["MILVUS_URI"], token=f"{user}:{password}")
root = MilvusClient(os.environ["MILVUS_URI"], token="root:Milvus")
vector = [0.1] * 8


def server_words(error):
    """A gRPC error's details, or a pymilvus error's message."""
    details = getattr(error, "details", None)
    if callable(details):
        return details()
    return getattr(error, "message", None) or str(error)


def attempt(what, call):
    try:
        call()
        print(f"{what}: allowed")
    except Exception as error:  # the server's words are the lesson
        print(f"{what}: refused: {server_words(error)}")


attempt("search docs", lambda: client.search("docs", [vector], limit=3))
attempt("query docs", lambda: client.query("docs", filter="id < 3"))
attempt("insert into docs", lambda: client.insert("docs", [{"id": 888888, "v": vector}]))
root.delete("docs", filter="id == 888888")
attempt("search payroll", lambda: client.search("payroll", [vector], limit=3))
attempt("create a collection", lambda: client.create_collection("try_as_probe", dimension=8))
if root.has_collection("try_as_probe"):
    root.drop_collection("try_as_probe")
root.create_collection("try_as_target", dimension=8)
attempt("drop a collection", lambda: client.drop_collection("try_as_target"))
if root.has_collection("try_as_target"):
    root.drop_collection("try_as_target")
attempt("list users", lambda: client.list_users())
