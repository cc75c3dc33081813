"""Reference design for the brief. DIMENSION and SHARDS override the brief's
numbers for the wrong answers. Probes the server's limits on scratch
collections and prints the refusals."""

import logging
import os

from pymilvus import DataType, MilvusClient

logging.disable(logging.CRITICAL)
client = MilvusClient(os.environ["MILVUS_URI"])
for name in ["tickets", "scratch"]:
    if client.has_collection(name):
        client.drop_collection(name)

schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
schema.add_field("ticket_id", DataType.INT64, is_primary=True)
schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=int(os.environ.get("DIMENSION", "384")))
schema.add_field("product", DataType.VARCHAR, max_length=40)
schema.add_field("priority", DataType.INT8)
schema.add_field("custom_fields", DataType.JSON)
client.create_collection("tickets", schema=schema, num_shards=int(os.environ.get("SHARDS", "2")))


def refusal(make):
    try:
        make()
        client.drop_collection("scratch")
        return "accepted"
    except Exception as error:
        return str(error)


def scratch_schema(vectors):
    s = client.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    for i in range(vectors):
        s.add_field(f"v{i}", DataType.FLOAT_VECTOR, dim=8)
    return s


print("17 shards:", refusal(lambda: client.create_collection("scratch", schema=scratch_schema(1), num_shards=17)))
print("2 vector fields:", refusal(lambda: client.create_collection("scratch", schema=scratch_schema(2))))
