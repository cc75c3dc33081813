"""The rows of the four tenant profiles, for whatever layout you build.

    from tenants import saas_rows, enterprise_rows, news_rows, bigco_rows

Every row has an INT64 `id` and a FLOAT_VECTOR `embedding`; saas rows also a
`tenant` (VARCHAR, at most 16 characters). News rows carry no month: the
partition you insert them into is their month.
"""

import math

SAAS_TENANTS = 2000
DOCS_PER_TENANT = 3
MONTHS = ["2026_10", "2026_11", "2026_12"]


def _vector(i, dimension):
    return [math.sin(i * 0.37 + k * 1.3) for k in range(dimension)]


def saas_rows():
    """6000 rows: 3 for each of the tenants t0000 ... t1999 (8-dimensional)."""
    return [
        {"id": i, "tenant": f"t{i // DOCS_PER_TENANT:04d}", "embedding": _vector(i, 8)}
        for i in range(SAAS_TENANTS * DOCS_PER_TENANT)
    ]


def enterprise_rows(customer):
    """100 rows of one enterprise customer (8-dimensional)."""
    offset = {"acme": 0, "globex": 1000, "initech": 2000}[customer]
    return [{"id": offset + i, "embedding": _vector(offset + i, 8)} for i in range(100)]


def news_rows(month):
    """200 articles of one month (8-dimensional)."""
    offset = MONTHS.index(month) * 1000
    return [{"id": offset + i, "embedding": _vector(offset + i, 8)} for i in range(200)]


def bigco_rows():
    """50 rows from bigco's own model (1024-dimensional)."""
    return [{"id": i, "embedding": _vector(i, 1024)} for i in range(50)]
