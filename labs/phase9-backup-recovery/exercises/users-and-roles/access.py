"""Who may do what, as root sees it: each user, its roles, and each role's
grants. Run it before the loss and after the restore, and compare.

    python access.py

Uses $MILVUS_URI and $MILVUS_TOKEN (`cargo xtask env` prints them; a restart
changes the URI).
"""

import os

from pymilvus import MilvusClient

root = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ["MILVUS_TOKEN"])
for user in sorted(root.list_users()):
    roles = root.describe_user(user).get("roles", [])
    print(f"user {user}: roles {', '.join(sorted(roles)) or 'none'}")
for role in sorted(root.list_roles()):
    grants = root.describe_role(role).get("privileges", [])
    described = sorted(f"{g['privilege']} on {g['object_type']} {g['object_name']}" for g in grants)
    print(f"role {role}: {'; '.join(described) or 'no grants'}")
