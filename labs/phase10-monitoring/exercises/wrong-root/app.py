"""What the application sees: the collections Milvus lists."""
import os

from pymilvus import MilvusClient

print("collections:", MilvusClient(os.environ["MILVUS_URI"]).list_collections())
