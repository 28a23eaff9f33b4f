"""Engagement levels of members (SPEC 5, DOMAIN 5.3): core, active, occasional, passive.

The rule is the ``engagement`` macro of ``sql/rules.sql``, which ORG-1 and the member pages both
read, so they always agree.
"""

from __future__ import annotations

from typing import Any

import duckdb

from indicators.analytics_query import fetch

LEVELS: tuple[str, ...] = ("core", "active", "occasional", "passive")


def engagement_levels(
    con: duckdb.DuckDBPyConnection, cluster_id: str, year: int
) -> list[dict[str, Any]]:
    """Members on 31.12.``year`` with ``org_id``, ``participations`` and ``level``."""
    return fetch(
        con,
        "SELECT org_id, participations, level FROM engagement($cluster_id, $first, $last)"
        " ORDER BY org_id",
        {"cluster_id": cluster_id, "first": int(year), "last": int(year)},
    )
