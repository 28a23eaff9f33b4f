"""Survey analytics (SPEC 5, 6; DOMAIN 4): per item and survey year n, mean, agree share, response rate.

Several surveys of one year pool their answers per item. Every figure that rests on fewer than
``MIN_N`` answers is suppressed here, in SQL, so no caller can show it by mistake: the value is
None, ``suppressed`` is True and ``n`` is kept. Open-text answers go to the manager role only.
"""

from __future__ import annotations

from typing import Any

import duckdb

from auth.roles import require_manager
from indicators.analytics_query import fetch
from indicators.sql_fragments import YEARS_CTE

MIN_N = 5  # smallest n a survey figure is shown for (SPEC 6)

# Answers that count for an item: 1..5 on Likert items, 1 = yes / 0 = no on yes/no items.
_ANSWERS = """answers AS (
    SELECT s.year, s.survey_id, a.response_no, a.item_code, i.scale, i.indicator, a.value_num
    FROM v_survey_answer a
    JOIN v_survey s ON s.cluster_id = a.cluster_id AND s.survey_id = a.survey_id
    JOIN survey_item i ON i.code = a.item_code
    WHERE a.cluster_id = $cluster_id AND s.year BETWEEN $first AND $last
      AND ((i.scale = 'likert5' AND a.value_num BETWEEN 1 AND 5)
           OR (i.scale = 'yesno' AND a.value_num IN (0, 1)))
)"""

# Per item (and optional grouping) n, mean (Likert only) and agree share (4-5, or yes).
_STATS = """count(*) AS n,
    CASE WHEN any_value(scale) = 'likert5' THEN avg(value_num) END AS mean,
    count(*) FILTER (WHERE (scale = 'likert5' AND value_num >= 4) OR (scale = 'yesno' AND value_num = 1))
        / count(*) AS agree_share"""

# Responses (respondent rows with at least one answer) and invited per survey year.
_RESPONSES = """responses AS (
    SELECT s.year, s.survey_id, any_value(s.invited) AS invited,
           count(DISTINCT a.response_no) FILTER (
               WHERE a.value_num IS NOT NULL OR nullif(trim(a.value_text), '') IS NOT NULL) AS responses
    FROM v_survey s
    LEFT JOIN v_survey_answer a ON a.cluster_id = s.cluster_id AND a.survey_id = s.survey_id
    WHERE s.cluster_id = $cluster_id AND s.year BETWEEN $first AND $last
    GROUP BY s.year, s.survey_id
),
rates AS (
    SELECT year, count(*) AS surveys,
           sum(responses) FILTER (WHERE invited IS NOT NULL) AS responses_known,
           sum(invited) AS invited
    FROM responses GROUP BY year
)"""


def _suppressed(expr: str) -> str:
    return f"CASE WHEN n < {MIN_N} THEN NULL ELSE {expr} END"


def indicator_sql(code: str, with_response_rate: bool = False) -> str:
    """Long rows (``year, metric, value, n, note``) of the survey items feeding indicator ``code``.

    ``mean.<item>`` for Likert items, ``agree_share.<item>`` for all; with ``with_response_rate``
    also ``response_rate`` for every year of the range (NULL with a note when no survey of the year
    or no invited count was given). The rate pools the surveys of the year that have an invited
    count: their responses over their invited; ``n`` is those responses. Suppression of n < 5 is
    applied by the caller's metric rule (``Metric.min_n``).
    """
    items = f"""{_ANSWERS},
per_item AS (SELECT year, item_code, {_STATS} FROM answers WHERE indicator = '{code}' GROUP BY year, item_code)
SELECT year, 'mean.' || item_code AS metric, mean AS value, n, NULL::VARCHAR AS note
FROM per_item WHERE mean IS NOT NULL
UNION ALL
SELECT year, 'agree_share.' || item_code, agree_share, n, NULL FROM per_item"""
    if not with_response_rate:
        return f"WITH {YEARS_CTE},\n{items}"
    return f"""WITH {YEARS_CTE},
{_RESPONSES},
{items}
UNION ALL
SELECT y.year, 'response_rate',
       CASE WHEN coalesce(r.invited, 0) = 0 THEN NULL ELSE r.responses_known / r.invited END,
       r.responses_known,
       CASE WHEN r.surveys IS NULL THEN 'no_survey' WHEN coalesce(r.invited, 0) = 0 THEN 'no_invited' END
FROM years y LEFT JOIN rates r USING (year)"""


def _params(cluster_id: str, years: tuple[int, int] | None) -> dict[str, Any]:
    first, last = years if years else (0, 9999)
    return {"cluster_id": cluster_id, "first": int(first), "last": int(last)}


def item_stats(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str = "default",
    years: tuple[int, int] | None = None,
    by_org_type: bool = False,
) -> list[dict[str, Any]]:
    """Per item and survey year (and org_type when ``by_org_type``): n, mean, agree_share, suppressed.

    ``mean`` is None for yes/no items. Groups with n < 5 have mean and agree_share None and
    ``suppressed`` True. The org_type of a respondent is the background column of the export
    (missing = other).
    """
    group = ", coalesce(r.org_type, 'other') AS org_type" if by_org_type else ""
    join = (
        "LEFT JOIN v_survey_response r ON r.cluster_id = $cluster_id"
        " AND r.survey_id = answers.survey_id AND r.response_no = answers.response_no"
        if by_org_type
        else ""
    )
    sql = f"""WITH {_ANSWERS},
stats AS (SELECT year, item_code, any_value(scale) AS scale, any_value(indicator) AS indicator{group},
                 {_STATS}
          FROM answers {join} GROUP BY ALL)
SELECT year, item_code, indicator, scale{", org_type" if by_org_type else ""}, n,
       {_suppressed("round(mean, 2)")} AS mean, {_suppressed("round(agree_share, 4)")} AS agree_share,
       n < {MIN_N} AS suppressed
FROM stats ORDER BY year, item_code{", org_type" if by_org_type else ""}"""
    return fetch(con, sql, _params(cluster_id, years))


def response_rates(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str = "default",
    years: tuple[int, int] | None = None,
) -> list[dict[str, Any]]:
    """Per survey year: surveys, responses (of surveys with an invited count), invited, response_rate."""
    sql = f"""WITH {_RESPONSES}
SELECT year, surveys, responses_known AS responses, invited,
       CASE WHEN coalesce(invited, 0) = 0 THEN NULL ELSE round(responses_known / invited, 4) END AS response_rate
FROM rates ORDER BY year"""
    return fetch(con, sql, _params(cluster_id, years))


def open_answers(
    con: duckdb.DuckDBPyConnection, cluster_id: str, role: str, years: tuple[int, int] | None = None
) -> list[dict[str, Any]]:
    """Open-text answers (manager only): survey, year, item and text, sorted so that answers of
    one respondent to different questions cannot be linked by their order."""
    require_manager(role)
    sql = """SELECT s.name AS survey, s.year, a.item_code, i.text_fi, i.text_en, trim(a.value_text) AS text
FROM v_survey_answer a
JOIN v_survey s ON s.cluster_id = a.cluster_id AND s.survey_id = a.survey_id
JOIN survey_item i ON i.code = a.item_code
WHERE a.cluster_id = $cluster_id AND s.year BETWEEN $first AND $last
  AND i.scale = 'text' AND nullif(trim(a.value_text), '') IS NOT NULL
ORDER BY s.year, s.name, a.item_code, text"""
    return fetch(con, sql, _params(cluster_id, years))
