"""Funding analytics for the Funding page and the board overview (SPEC 5 FUN-1, DOMAIN 3.4).

Committed rows are shown beside paid ones but never count in a share or ratio.
"""

from __future__ import annotations

from indicators.analytics_query import Con, Rows, Years, fetch, year_params
from indicators.builtin import FUN_1
from indicators.rules import FUNDING_GROUPS

# Funding groups (``rules.FUNDING_GROUPS``, FUN-1's share metrics without ``share_``) in order.
GROUP_ORDER = (*FUNDING_GROUPS, "other")

# FUN-1's reference by group: the cookbook's cited European example, a benchmark, not a norm.
REFERENCE_MIX: dict[str, float] = {
    metric.removeprefix("share_"): share for metric, share in FUN_1.reference.items()
}

_FUNDING = """
    SELECT year, source_type, funding_group(source_type) AS funding_group, status,
           amount_eur::DOUBLE AS amount
    FROM v_funding
    WHERE cluster_id = $cluster_id AND year BETWEEN $first AND $last
"""


def funding_by_source(con: Con, cluster_id: str, years: Years) -> Rows:
    """Stacked bar "funding per year by source": paid and committed euros per year and source type.

    Rows ``{year, source_type, funding_group, paid_eur, committed_eur}`` for the source types
    that occur, ordered by year and source type.
    """
    return fetch(
        con,
        f"""
        SELECT year, source_type, funding_group,
               round(coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0), 2) AS paid_eur,
               round(coalesce(sum(amount) FILTER (WHERE status = 'committed'), 0), 2)
                   AS committed_eur
        FROM ({_FUNDING}) f
        GROUP BY ALL ORDER BY year, source_type
    """,
        year_params(cluster_id, years),
    )


def funding_by_group(con: Con, cluster_id: str, years: Years) -> Rows:
    """Funding mix chart against the 20/30/50 reference: paid and committed per year and group.

    Rows ``{year, funding_group, paid_eur, committed_eur, share}`` for every year of the range
    and all four groups; ``share`` = paid of the group ÷ paid of the year (None when nothing
    was paid that year).
    """
    groups = ", ".join(f"('{group}', {rank})" for rank, group in enumerate(GROUP_ORDER))
    return fetch(
        con,
        f"""
        WITH grid AS (
            SELECT y.year, g.funding_group, g.rank
            FROM year_range($first, $last) y CROSS JOIN (VALUES {groups}) g(funding_group, rank)
        ), sums AS (
            SELECT year, funding_group,
                   sum(amount) FILTER (WHERE status = 'paid') AS paid,
                   sum(amount) FILTER (WHERE status = 'committed') AS committed
            FROM ({_FUNDING}) f GROUP BY ALL
        )
        SELECT year, funding_group,
               round(coalesce(paid, 0), 2) AS paid_eur,
               round(coalesce(committed, 0), 2) AS committed_eur,
               round(
                   coalesce(paid, 0) / nullif(sum(coalesce(paid, 0)) OVER (PARTITION BY year), 0), 4
               )
                   AS share
        FROM grid LEFT JOIN sums USING (year, funding_group)
        ORDER BY year, rank
    """,
        year_params(cluster_id, years),
    )


def funding_reference() -> Rows:
    """The 20/30/50 reference line of the funding-mix chart: ``{funding_group, share}``."""
    return [{"funding_group": group, "share": share} for group, share in REFERENCE_MIX.items()]


def funding_summary(con: Con, cluster_id: str, years: Years) -> Rows:
    """City-share and project-dependency lines, and the committed-vs-paid totals, per year.

    Rows for every year of the range: ``total_paid_eur``, ``total_committed_eur``,
    ``city_paid_eur``, ``city_committed_eur``, ``city_share`` (paid city base funding ÷ total
    paid), ``project_paid_eur``, ``project_dependency`` (paid project funding ÷ total paid),
    ``base_paid_eur`` (paid long-term public funding) and ``no_base_funding`` (money was paid
    but none of it long-term public: the cookbook's pitfalls 1 and 5). Ratios are None when
    nothing was paid.
    """
    return fetch(
        con,
        f"""
        WITH sums AS (
            SELECT year,
                   sum(amount) FILTER (WHERE status = 'paid') AS paid,
                   sum(amount) FILTER (WHERE status = 'committed') AS committed,
                   sum(amount) FILTER (WHERE status = 'paid' AND source_type = 'city_base_funding')
                       AS city_paid,
                   sum(amount) FILTER (
                       WHERE status = 'committed' AND source_type = 'city_base_funding'
                   )
                       AS city_committed,
                   sum(amount) FILTER (WHERE status = 'paid' AND funding_group = 'projects')
                       AS project_paid,
                   sum(amount) FILTER (WHERE status = 'paid' AND funding_group = 'public_long_term')
                       AS base_paid
            FROM ({_FUNDING}) f GROUP BY year
        )
        SELECT year,
               round(coalesce(paid, 0), 2) AS total_paid_eur,
               round(coalesce(committed, 0), 2) AS total_committed_eur,
               round(coalesce(city_paid, 0), 2) AS city_paid_eur,
               round(coalesce(city_committed, 0), 2) AS city_committed_eur,
               round(coalesce(city_paid, 0) / nullif(paid, 0), 4) AS city_share,
               round(coalesce(project_paid, 0), 2) AS project_paid_eur,
               round(coalesce(project_paid, 0) / nullif(paid, 0), 4) AS project_dependency,
               round(coalesce(base_paid, 0), 2) AS base_paid_eur,
               coalesce(paid, 0) > 0 AND coalesce(base_paid, 0) = 0 AS no_base_funding
        FROM year_range($first, $last) y LEFT JOIN sums USING (year)
        ORDER BY year
    """,
        year_params(cluster_id, years),
    )
