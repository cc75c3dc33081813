"""Create the collection `tickets` the brief (brief.md) calls for.

    python create_tickets.py

Run it again after a change: it drops `tickets` first.
"""

import os

from pymilvus import DataType, MilvusClient

client = MilvusClient(os.environ["MILVUS_URI"])
if client.has_collection("tickets"):
    client.drop_collection("tickets")

schema = client.create_schema(auto_id=True)  # TODO: whose ids are these?
schema.add_field("ticket_id", DataType.INT64, is_primary=True)
# TODO: the embedding, the filter fields and a home for custom fields.

client.create_collection("tickets", schema=schema)  # TODO: shards, from the brief
print(client.describe_collection("tickets"))
