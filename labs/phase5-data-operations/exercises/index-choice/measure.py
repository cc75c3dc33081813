"""Measure one index on `vectors`: recall@10 against exact search, and time per query.

    python measure.py IVF_FLAT nlist=128 --search nprobe=8,16,32,64
    python measure.py HNSW M=16 efConstruction=128 --search ef=16,32,64,128

Each run rebuilds the index on `vectors` (a vector field has one index at a
time), loads it, searches 200 queries at each setting, prints a table and
appends it to results.csv. The last index you measure stays built and loaded:
that is the one `cargo xtask check` searches.

The data and the queries come from the same seeded generator the lab used to
fill `vectors` (and the check uses to judge), so the exact neighbours are
computed here, without asking the server.
"""

import argparse
import csv
import logging
import os
import sys
import time

import numpy as np
from pymilvus import MilvusClient

COLLECTION, FIELD, TOP_K = "vectors", "v", 10
ROWS, QUERIES, DIMENSION = 10_000, 200, 32
DATA_SEED, QUERY_SEED = 1, 2
HEADER = ["index", "build", "param", "value", "recall_at_10", "ms_per_query"]
MASK = (1 << 64) - 1

# pymilvus logs every failed call with a traceback; the error is printed below.
logging.disable(logging.CRITICAL)


def uniform_vectors(seed, count):
    """splitmix64, as the lab's seed: coordinates uniform in [0, 1)."""
    state, out = seed, []
    for _ in range(count * DIMENSION):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        out.append(((z ^ (z >> 31)) >> 40) / (1 << 24))
    return np.array(out, dtype=np.float32).reshape(count, DIMENSION)


def name_and_int(text):
    name, _, value = text.partition("=")
    if not name or not value.lstrip("-").isdigit():
        raise argparse.ArgumentTypeError(f"expected NAME=INTEGER, got {text!r}")
    return name, int(value)


def search_setting(text):
    name, _, values = text.partition("=")
    try:
        return name, [int(v) for v in values.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected PARAM=V1,V2,..., got {text!r}") from None


def exact_neighbours(queries):
    data = uniform_vectors(DATA_SEED, ROWS)
    distances = (queries**2).sum(1)[:, None] - 2 * queries @ data.T + (data**2).sum(1)[None, :]
    return [set(order.tolist()) for order in np.argsort(distances, axis=1)[:, :TOP_K]]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index_type", help="FLAT, IVF_FLAT, IVF_SQ8, HNSW, ...")
    parser.add_argument("build", nargs="*", type=name_and_int, help="build parameters, NAME=VALUE")
    parser.add_argument("--search", type=search_setting, required=True, help="PARAM=V1,V2,... (ef or nprobe)")
    args = parser.parse_args()
    build = dict(args.build)
    param, values = args.search

    queries = uniform_vectors(QUERY_SEED, QUERIES)
    truth = exact_neighbours(queries)

    client = MilvusClient(os.environ["MILVUS_URI"])
    client.release_collection(COLLECTION)
    for name in client.list_indexes(COLLECTION):
        client.drop_index(COLLECTION, name)
    index_params = client.prepare_index_params()
    index_params.add_index(FIELD, index_type=args.index_type, metric_type="L2", params=build)
    started = time.monotonic()
    client.create_index(COLLECTION, index_params)
    client.load_collection(COLLECTION)
    print(f"{args.index_type} {build}: built and loaded in {time.monotonic() - started:.1f} s")

    build_text = " ".join(f"{k}={v}" for k, v in build.items())
    rows = []
    for value in values:
        started = time.perf_counter()
        results = client.search(
            COLLECTION, queries.tolist(), limit=TOP_K, anns_field=FIELD,
            search_params={"metric_type": "L2", "params": {param: value}},
        )
        ms = (time.perf_counter() - started) * 1000 / QUERIES
        found = sum(len({hit["id"] for hit in hits} & expected) for hits, expected in zip(results, truth))
        rows.append([args.index_type, build_text, param, value, f"{found / (QUERIES * TOP_K):.3f}", f"{ms:.3f}"])

    print(f"{'setting':>14}  {'recall@10':>9}  {'ms/query':>8}")
    for row in rows:
        print(f"{row[2] + '=' + str(row[3]):>14}  {row[4]:>9}  {row[5]:>8}")
    new_file = not os.path.exists("results.csv")
    with open("results.csv", "a", newline="") as out:
        writer = csv.writer(out)
        if new_file:
            writer.writerow(HEADER)
        writer.writerows(rows)
    print("appended to results.csv")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a refused parameter or index: say it in one line
        sys.exit(f"measure.py: {error}")
