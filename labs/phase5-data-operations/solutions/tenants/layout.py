"""Reference layout for the four tenant profiles. LAYOUT_WRONG=no-partition-key
builds saas_docs as a plain collection filtered by a normal field instead."""

import logging
import os

from pymilvus import DataType, MilvusClient

from tenants import MONTHS, bigco_rows, enterprise_rows, news_rows, saas_rows

logging.disable(logging.CRITICAL)
URI = os.environ["MILVUS_URI"]
client = MilvusClient(URI)


def schema(dimension, tenant_key=None):
    s = client.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("embedding", DataType.FLOAT_VECTOR, dim=dimension)
    if tenant_key is not None:
        s.add_field("tenant", DataType.VARCHAR, max_length=16, is_partition_key=tenant_key)
    return s


def indexed(c, name):
    params = c.prepare_index_params()
    params.add_index("embedding", index_type="FLAT", metric_type="L2")
    c.create_index(name, params)
    c.load_collection(name)


# 1. Enterprises: a database each (own RBAC scope, dropped in one step).
for customer in ["acme", "globex", "initech"]:
    if customer not in client.list_databases():
        client.create_database(customer)
    scoped = MilvusClient(URI, db_name=customer)
    scoped.create_collection("docs", schema=schema(8))
    scoped.insert("docs", enterprise_rows(customer))

# 2. Self-serve: one collection, Milvus hashes tenants into partitions.
key = os.environ.get("LAYOUT_WRONG") != "no-partition-key"
client.create_collection("saas_docs", schema=schema(8, tenant_key=key))
rows = saas_rows()
for start in range(0, len(rows), 3000):
    client.insert("saas_docs", rows[start:start + 3000])
indexed(client, "saas_docs")

# 3. News: a partition per month, dropped whole when it ages out.
client.create_collection("news", schema=schema(8))
for month in MONTHS:
    client.create_partition("news", month)
    client.insert("news", news_rows(month), partition_name=month)

# 4. bigco: another model, another dimension, its own collection.
client.create_collection("bigco_docs", schema=schema(1024))
client.insert("bigco_docs", bigco_rows())

print("partitions of saas_docs:", len(client.list_partitions("saas_docs")))
try:
    client.create_collection("too_many", schema=schema(8, tenant_key=True), num_partitions=5000)
except Exception as error:
    print("num_partitions=5000:", error)
