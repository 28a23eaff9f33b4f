"""Regional context series and the Data page's overview of what the database holds."""

from __future__ import annotations

from auth.roles import require_manager
from indicators.analytics_query import Con, Rows, Years, fetch, year_params

# Effective rows per table shown on the Data page, in display order: (table, view).
_COUNTED = (
    ("organisation", "v_org"),
    ("membership", "v_member"),
    ("event", "v_event"),
    ("participation", "v_participation"),
    ("funding", "v_funding"),
    ("project", "v_project"),
    ("project_partner", "v_project_partner"),
    ("outcome", "v_outcome"),
    ("survey", "v_survey"),
    ("survey_response", "v_survey_response"),
    ("survey_answer", "v_survey_answer"),
    ("regional_stat", "v_regional_stat"),
    ("target", "target"),
)


def regional_series(con: Con, cluster_id: str, years: Years) -> Rows:
    """Regional context chart: external statistics the cluster cannot claim as its own effect.

    Rows ``{region, measure, year, value, unit, source, context}`` with ``context`` always
    True, so every consumer can label the series as context.
    """
    return fetch(
        con,
        """
        SELECT region, measure, year, value, unit, source, true AS context
        FROM v_regional_stat
        WHERE cluster_id = $cluster_id AND year BETWEEN $first AND $last
        ORDER BY measure, region, year
    """,
        year_params(cluster_id, years),
    )


def row_counts(con: Con, cluster_id: str) -> Rows:
    """Data page overview: ``{table, rows}`` effective rows per table for the cluster."""
    union = " UNION ALL ".join(
        f"SELECT '{table}' AS table_name, {rank} AS rank, count(*) AS rows FROM {view} "
        f"WHERE cluster_id = $cluster_id"
        for rank, (table, view) in enumerate(_COUNTED)
    )
    return fetch(
        con,
        f'SELECT table_name AS "table", rows FROM ({union}) ORDER BY rank',
        {"cluster_id": cluster_id},
    )


def import_history(con: Con, cluster_id: str, *, role: str) -> Rows:
    """Import history table on the Data page (manager only), newest first; ``kinds`` is the
    list of sheet kinds loaded (empty for a file rejected before any sheet was recognised)."""
    require_manager(role)
    return fetch(
        con,
        """
        SELECT import_id, file_name, sha256,
               coalesce(string_split(kinds, ','), []::VARCHAR[]) AS kinds,
               rows_read, rows_loaded, rows_rejected,
               imported_at, user_name, status, message, undone_at
        FROM import_log WHERE cluster_id = $cluster_id
        ORDER BY imported_at DESC, import_id DESC
    """,
        {"cluster_id": cluster_id},
    )
