"""Lab phase1/empty-results: the shop's three pages, as shoppers see them.

    python shop.py

Each page shows nothing. The pages hide the server's errors from shoppers,
and so from you: TODO 1 is to see what the server actually answered.
"""
import os

from pymilvus import MilvusClient

client = MilvusClient(uri=os.environ["MILVUS_URI"], token=os.environ.get("MILVUS_TOKEN", ""))


def hidden(error):
    # TODO 1: print the error instead of hiding it, e.g. print(f"  server: {error}")
    pass


def reviews_page():
    """The ten newest reviews."""
    try:
        return client.query("reviews", filter="id < 10", output_fields=["id"])
    except Exception as error:
        hidden(error)
        return []


def catalog_page():
    """Products like the one a shopper looks at."""
    try:
        return client.search("catalog", data=[[0.5] * 8], limit=5)[0]
    except Exception as error:
        hidden(error)
        return []


def order_confirmation():
    """Places a test order, shows it back as the confirmation page does, and
    removes it again."""
    order_id = 800_000 + os.getpid() % 100_000
    client.insert("orders", [{"id": order_id, "vector": [0.25] * 8}])
    try:
        return client.query("orders", filter=f"id == {order_id}", output_fields=["id"])
    except Exception as error:
        hidden(error)
        return []
    finally:
        client.delete("orders", filter=f"id == {order_id}")


for page, rows in [("reviews", reviews_page()), ("catalog", catalog_page()), ("order", order_confirmation())]:
    print(f"{page:>8}: {f'{len(rows)} rows' if rows else 'nothing to show'}")
