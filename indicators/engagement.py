"""Engagement levels of members (SPEC 5, DOMAIN 5.3): core, active, occasional, passive.

Used by ORG-1 and by the member pages, so both always agree. For year Y, over the members on
31.12.Y: core = a governance role other than none, or >= 4 participations and >= 1 attended
speaker/host/organiser row in Y; else active = >= 2 participations or partner in a project active
in Y; else occasional = 1 participation; else passive. Participations of an organisation = distinct
events of Y with at least one attended row from it.
"""

from __future__ import annotations

from typing import Any

import duckdb

from indicators.analytics_query import fetch
from indicators.sql_fragments import (
    ATTENDED_ROWS,
    CONTRIBUTING_ROLES,
    YEARS_CTE,
    member_on,
    project_active_in,
    year_end,
)

LEVELS: tuple[str, ...] = ("core", "active", "occasional", "passive")

# CTEs (after WITH) giving ``engagement(year, org_id, participations, level)``; reuse them by
# appending more CTEs or a final SELECT. Parameters: $cluster_id, $first, $last.
ENGAGEMENT_CTES = f"""{YEARS_CTE},
{ATTENDED_ROWS},
members AS (
    SELECT y.year, m.org_id, bool_or(m.governance_role <> 'none') AS governs
    FROM years y
    JOIN v_member m ON m.cluster_id = $cluster_id AND {member_on("m", year_end("y.year"))}
    GROUP BY y.year, m.org_id
),
org_participation AS (
    SELECT year, org_id, count(DISTINCT event_key) AS participations,
           bool_or(role IN {CONTRIBUTING_ROLES}) AS contributes
    FROM attended_rows
    GROUP BY year, org_id
),
project_partners AS (
    SELECT DISTINCT y.year, pp.org_id
    FROM years y
    JOIN v_project pr ON pr.cluster_id = $cluster_id AND {project_active_in("pr", "y.year")}
    JOIN v_project_partner pp ON pp.cluster_id = pr.cluster_id AND pp.project_key = pr.project_key
),
engagement AS (
    SELECT m.year, m.org_id, coalesce(op.participations, 0) AS participations,
           CASE
               WHEN m.governs OR (coalesce(op.participations, 0) >= 4 AND coalesce(op.contributes, false))
                   THEN 'core'
               WHEN coalesce(op.participations, 0) >= 2 OR pp.org_id IS NOT NULL THEN 'active'
               WHEN coalesce(op.participations, 0) = 1 THEN 'occasional'
               ELSE 'passive'
           END AS level
    FROM members m
    LEFT JOIN org_participation op USING (year, org_id)
    LEFT JOIN project_partners pp USING (year, org_id)
)"""


def engagement_sql() -> str:
    """Query of every member's level per year: ``year, org_id, participations, level``."""
    return f"WITH {ENGAGEMENT_CTES}\nSELECT year, org_id, participations, level FROM engagement ORDER BY year, org_id"


def engagement_levels(
    con: duckdb.DuckDBPyConnection, cluster_id: str, year: int
) -> list[dict[str, Any]]:
    """Members on 31.12.``year`` with ``org_id``, ``participations`` and ``level``."""
    params = {"cluster_id": cluster_id, "first": int(year), "last": int(year)}
    return [
        {key: row[key] for key in ("org_id", "participations", "level")}
        for row in fetch(con, engagement_sql(), params)
    ]
