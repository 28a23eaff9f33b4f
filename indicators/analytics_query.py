"""How the page analytics run SQL: a cursor per query with the rule macros, rows as dicts.

Every analytics function takes ``cluster_id`` and, for series, a year range ``(first, last)``
(inclusive). Results are ``list[dict]`` so pages and exports convert them as they need.
"""

from __future__ import annotations

from typing import Any

import duckdb

from indicators import rules

Years = tuple[int, int]
Rows = list[dict[str, Any]]
Con = duckdb.DuckDBPyConnection


def fetch(con: Con, sql: str, params: dict[str, Any]) -> Rows:
    """Run ``sql`` with named ``$params`` on a fresh cursor that has the rule macros
    (``indicators.rules``); one dict per row."""
    cur = con.cursor()
    try:
        rules.install(cur)
        cur.execute(sql, params)
        names = [column[0] for column in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        cur.close()


def year_params(cluster_id: str, years: Years) -> dict[str, Any]:
    """Named parameters for a cluster and an inclusive year range (``first`` ≤ ``last``)."""
    first, last = int(years[0]), int(years[1])
    if first > last:
        first, last = last, first
    return {"cluster_id": cluster_id, "first": first, "last": last}
