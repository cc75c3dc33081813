"""Lab phase4/write-freeze: is `orders` taking writes, and can it be read?

Run it from this folder, after `eval "$(cargo xtask env)"`:
    python try-write.py
It inserts one test row (and deletes it again when accepted), then counts the
rows, the test row aside: a freeze that begins between the insert and the
delete keeps it until the freeze ends. It prints `write: accepted` or `write: refused: <the server's message>`,
then `rows: <count>`.
"""
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"])
TEST_ID = 800_000_001
try:
    client.insert("orders", [{"id": TEST_ID, "vector": [0.25] * 8}])
    client.delete("orders", filter=f"id == {TEST_ID}")
    print("write: accepted")
except Exception as error:  # pymilvus raises MilvusException with the server's message
    print(f"write: refused: {getattr(error, 'message', str(error))}")
count = client.query("orders", filter=f"id != {TEST_ID}", output_fields=["count(*)"], consistency_level="Strong")
print(f"rows: {count[0]['count(*)']}")
