"""Which years a cluster has data for, and which input kinds it has imported.

The years of the cluster's data run from the first to the last year that holds activity: an
event, a funding row, a project start or application, an outcome or a survey. The member register
alone does not widen the range (member_since dates reach back decades); when it is the only data,
the range is the current year and up to four years before it in which membership changed, so the
register's recent joiners and leavers still show. Regional statistics are context and never set
the range.
"""

from __future__ import annotations

import duckdb

from data.kinds import KINDS

# Input kinds and the effective view that holds their rows.
KIND_VIEWS: dict[str, str] = {kind.name: kind.view for kind in KINDS.values()}

REGISTER_ONLY_SPAN = 5  # years shown when the member register is the only data

_ACTIVITY_YEARS = """
SELECT min(y), max(y) FROM (
    SELECT year(date) AS y FROM v_event WHERE cluster_id = $cluster_id
    UNION ALL SELECT year FROM v_funding WHERE cluster_id = $cluster_id
    UNION ALL SELECT year(start_date) FROM v_project WHERE cluster_id = $cluster_id
    UNION ALL SELECT year(applied_date) FROM v_project WHERE cluster_id = $cluster_id
    UNION ALL SELECT year(date) FROM v_outcome WHERE cluster_id = $cluster_id
    UNION ALL SELECT year FROM v_survey WHERE cluster_id = $cluster_id
)"""

_REGISTER_YEARS = f"""
SELECT greatest(min(y), year(current_date) - {REGISTER_ONLY_SPAN - 1}), year(current_date) FROM (
    SELECT year(member_since) AS y FROM v_member WHERE cluster_id = $cluster_id
    UNION ALL SELECT year(member_until) FROM v_member WHERE cluster_id = $cluster_id
    UNION ALL SELECT year(current_date)
) WHERE y <= year(current_date)"""


def data_years(con: duckdb.DuckDBPyConnection, cluster_id: str) -> tuple[int, int] | None:
    """(first, last) year of the cluster's data, or None when it has no data at all.

    Runs on ``con`` itself, so a caller's cursor and its open transaction cover it (pass a
    cursor of your own where threads share the connection)."""
    first, last = con.execute(_ACTIVITY_YEARS, {"cluster_id": cluster_id}).fetchone()
    if first is not None:
        return int(first), int(last)
    if "members" not in imported_kinds(con, cluster_id):
        return None
    first, last = con.execute(_REGISTER_YEARS, {"cluster_id": cluster_id}).fetchone()
    return int(first), int(last)


def imported_kinds(con: duckdb.DuckDBPyConnection, cluster_id: str) -> frozenset[str]:
    """Kinds with effective rows, or with a loaded import (an import may hold no rows of a year).

    Runs on ``con`` itself, like ``data_years``."""
    exists = " UNION ALL ".join(
        f"SELECT '{kind}' FROM (SELECT 1 FROM {view} WHERE cluster_id = $cluster_id LIMIT 1)"
        for kind, view in KIND_VIEWS.items()
    )
    logged = (
        "SELECT DISTINCT trim(unnest(string_split(kinds, ','))) FROM import_log"
        " WHERE cluster_id = $cluster_id AND status = 'loaded' AND kinds IS NOT NULL"
    )
    rows = con.execute(f"{exists} UNION {logged}", {"cluster_id": cluster_id}).fetchall()
    return frozenset(row[0] for row in rows) & frozenset(KIND_VIEWS)
