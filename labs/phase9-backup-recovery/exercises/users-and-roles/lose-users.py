"""The disaster: a clean-up script, run against production by mistake,
removes the application's reader: its grants, its role and its user.
Run it after you have taken your snapshot:

    python lose-users.py
"""

import os

from pymilvus import MilvusClient

root = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ["MILVUS_TOKEN"])
for grant in root.describe_role("reader").get("privileges", []):
    root.revoke_privilege("reader", grant["object_type"], grant["privilege"], grant["object_name"], db_name="default")
root.revoke_role("analyst", "reader")
root.drop_role("reader")
root.drop_user("analyst")
print("user analyst and role reader are gone; restore them from your snapshot")
