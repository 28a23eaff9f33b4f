"""Survey analytics (SPEC 5, 6; DOMAIN 4): per item and survey year n, mean, agree share, response
rate.

Several surveys of one year pool their answers per item. Every figure that rests on fewer than
``MIN_N`` answers is suppressed here, in SQL, so no caller can show it by mistake: the value is
None, ``suppressed`` is True and ``n`` is kept. Open-text answers go to the manager role only.
"""

from __future__ import annotations

from typing import Any

import duckdb

from auth.roles import require_manager
from indicators.analytics_query import fetch
from indicators.model import MIN_N

# Per item (and optional grouping): n, mean (Likert only) and agree share (4-5, or yes).
_STATS = """count(*) AS n,
    CASE WHEN any_value(scale) = 'likert5' THEN avg(value_num) END AS mean,
    count(*) FILTER (WHERE agrees(scale, value_num)) / count(*) AS agree_share"""


def _suppressed(expr: str) -> str:
    return f"CASE WHEN n < {MIN_N} THEN NULL ELSE {expr} END"


def _params(cluster_id: str, years: tuple[int, int] | None) -> dict[str, Any]:
    first, last = years if years else (0, 9999)
    return {"cluster_id": cluster_id, "first": int(first), "last": int(last)}


def item_stats(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str = "default",
    years: tuple[int, int] | None = None,
    by_org_type: bool = False,
) -> list[dict[str, Any]]:
    """Per item and survey year (and org_type when ``by_org_type``): n, mean, agree_share and
    suppressed.

    ``mean`` is None for yes/no items. Groups with n < 5 have mean and agree_share None and
    ``suppressed`` True. The org_type of a respondent is the background column of the export
    (missing = other).
    """
    group = ", coalesce(r.org_type, 'other') AS org_type" if by_org_type else ""
    join = (
        "LEFT JOIN v_survey_response r ON r.cluster_id = $cluster_id"
        " AND r.survey_id = a.survey_id AND r.response_no = a.response_no"
        if by_org_type
        else ""
    )
    sql = f"""WITH stats AS (
    SELECT year, item_code, any_value(scale) AS scale, any_value(indicator) AS indicator{group},
           {_STATS}
    FROM survey_answers($cluster_id, $first, $last) a {join} GROUP BY ALL
)
SELECT year, item_code, indicator, scale{", org_type" if by_org_type else ""}, n,
       {_suppressed("round(mean, 2)")} AS mean,
       {_suppressed("round(agree_share, 4)")} AS agree_share,
       n < {MIN_N} AS suppressed
FROM stats ORDER BY year, item_code{", org_type" if by_org_type else ""}"""
    return fetch(con, sql, _params(cluster_id, years))


def response_rates(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str = "default",
    years: tuple[int, int] | None = None,
) -> list[dict[str, Any]]:
    """Per survey year: surveys, responses (of surveys with an invited count), invited and
    response_rate."""
    sql = """SELECT year, surveys, responses, invited,
       CASE WHEN coalesce(invited, 0) = 0 THEN NULL ELSE round(responses / invited, 4) END
           AS response_rate
FROM survey_rates($cluster_id, $first, $last) ORDER BY year"""
    return fetch(con, sql, _params(cluster_id, years))


def open_answers(
    con: duckdb.DuckDBPyConnection, cluster_id: str, role: str, years: tuple[int, int] | None = None
) -> list[dict[str, Any]]:
    """Open-text answers (manager only): survey, year, item and text, sorted so that answers of
    one respondent to different questions cannot be linked by their order."""
    require_manager(role)
    sql = """SELECT s.name AS survey, s.year, a.item_code, i.text_fi, i.text_en,
       trim(a.value_text) AS text
FROM v_survey_answer a
JOIN v_survey s ON s.cluster_id = a.cluster_id AND s.survey_id = a.survey_id
JOIN survey_item i ON i.code = a.item_code
WHERE a.cluster_id = $cluster_id AND s.year BETWEEN $first AND $last
  AND i.scale = 'text' AND nullif(trim(a.value_text), '') IS NOT NULL
ORDER BY s.year, s.name, a.item_code, text"""
    return fetch(con, sql, _params(cluster_id, years))
