"""A morning of traffic on this Milvus, as the company's services make it.

Makes the services' users and roles if they are missing (as root), then has
each service do its job. One of them also tries what it must not; which one
is different on every deployment, and this script does not tell.

    python traffic.py

Uses $MILVUS_URI (`cargo xtask env` prints it; a restart changes it).
"""

import logging
import os

from pymilvus import MilvusClient

# pymilvus logs every refused call before raising it; the server's log is
# where this lab looks.
logging.getLogger("pymilvus").setLevel(logging.CRITICAL)

URI = os.environ["MILVUS_URI"]
root = MilvusClient(URI, token="root:Milvus")

# user: (password, role, [(privilege, collection)])
SERVICES = {
    "analyst": ("Analyst-2026", "reader", [("Search", "docs"), ("Query", "docs")]),
    "intern": ("Intern-2026", "reader", [("Search", "docs"), ("Query", "docs")]),
    "etl": ("Etl-2026-load", "loader", [("Insert", "docs"), ("Query", "docs")]),
    "payroll_svc": ("Payroll-2026", "payroll", [("Query", "payroll")]),
}
for user, (password, role, grants) in SERVICES.items():
    if user not in root.list_users():
        root.create_user(user, password)
    if role not in root.list_roles():
        root.create_role(role)
        for privilege, collection in grants:
            root.grant_privilege(role, "Collection", privilege, collection)
    root.grant_role(user, role)


def connect(user):
    return MilvusClient(URI, token=f"{user}:{SERVICES[user][0]}")


vector = [0.1] * 8
connect("etl").insert("docs", [{"id": 10_000 + k, "v": vector} for k in range(5)])
for user in ("analyst", "intern"):
    connect(user).search("docs", [vector], limit=3)
    connect(user).query("docs", filter="id < 5", output_fields=["id"])
connect("payroll_svc").query("payroll", filter="id < 5", output_fields=["id"])

# Who wanders off, and how often, follows from this deployment's payroll id.
payroll_id = root.describe_collection("payroll")["collection_id"]
wanderer = ("analyst", "intern", "etl")[payroll_id % 3]
client = connect(wanderer)
for attempt in range(1 + payroll_id // 3 % 3):
    try:
        client.query("payroll", filter="id >= 0", output_fields=["id"], limit=10)
    except Exception:
        pass
try:
    client.drop_collection("payroll")
except Exception:
    pass
connect("payroll_svc").query("payroll", filter="id < 5", output_fields=["id"])
print("traffic done: the services made their calls")
