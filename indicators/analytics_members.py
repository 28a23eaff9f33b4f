"""Member analytics for the Members page and the board overview (SPEC 5 ORG-1, DOMAIN 5.3).

Membership on a date and engagement levels are the same macros ORG-1 reads (``member_on``,
``can_be_member``, ``engagement`` in ``sql/rules.sql``), so pages and indicators agree.
"""

from __future__ import annotations

from auth.roles import require_manager
from indicators.analytics_query import Con, Rows, Years, fetch, year_params
from indicators.engagement import LEVELS

_AT_END = "member_on(m.status, m.member_since, m.member_until, year_end(y.year))"
_AT_START = "member_on(m.status, m.member_since, m.member_until, year_start(y.year))"
_CAN_BE_MEMBER = "can_be_member(m.status, m.member_until)"
# A follower whose own dates (if any) cover 31.12.Y.
_FOLLOWER_AT_END = (
    "m.status = 'follower' AND dated_on(m.member_since, m.member_until, year_end(y.year))"
)

# Tenure bands in display order: (band, highest full years in the band; None = no limit).
TENURE_BANDS = (("under_1", 0), ("1_2", 2), ("3_4", 4), ("5_9", 9), ("10_plus", None))
_BAND_OF = " ".join(
    f"WHEN full_years <= {high} THEN '{band}'" for band, high in TENURE_BANDS if high is not None
)

# Each member on 31.12.Y with its tier, fee and engagement level (one row per organisation).
_LEVELLED = f"""WITH register AS (
    SELECT y.year, m.org_id, any_value(m.tier) AS tier,
           max(m.annual_fee_eur)::DOUBLE AS annual_fee_eur
    FROM year_range($first, $last) y JOIN v_member m ON m.cluster_id = $cluster_id AND {_AT_END}
    GROUP BY y.year, m.org_id
),
levelled AS (
    SELECT e.year, e.org_id, e.level, e.participations, r.tier, r.annual_fee_eur
    FROM engagement($cluster_id, $first, $last) e JOIN register r USING (year, org_id)
)"""


def retention(con: Con, cluster_id: str, years: Years) -> Rows:
    """Retention chart and member flow, per year of the range.

    Rows ``{year, members_start, retained, retention_rate, new_members, members_left,
    members_end}``: members on 1.1.Y, those of them still members on 31.12.Y, their ratio
    (None when nobody was a member on 1.1.Y), organisations with member_since / member_until
    in Y, and members on 31.12.Y.
    """
    return fetch(
        con,
        f"""
        SELECT y.year,
               count(DISTINCT m.org_id) FILTER (WHERE {_AT_START}) AS members_start,
               count(DISTINCT m.org_id) FILTER (WHERE {_AT_START} AND {_AT_END}) AS retained,
               round(retained / nullif(members_start, 0), 4) AS retention_rate,
               count(DISTINCT m.org_id) FILTER (
                   WHERE {_CAN_BE_MEMBER} AND year(m.member_since) = y.year
               )
                   AS new_members,
               count(DISTINCT m.org_id) FILTER (
                   WHERE {_CAN_BE_MEMBER} AND year(m.member_until) = y.year
               )
                   AS members_left,
               count(DISTINCT m.org_id) FILTER (WHERE {_AT_END}) AS members_end
        FROM year_range($first, $last) y LEFT JOIN v_member m ON m.cluster_id = $cluster_id
        GROUP BY y.year ORDER BY y.year
    """,
        year_params(cluster_id, years),
    )


def tenure_distribution(con: Con, cluster_id: str, year: int) -> Rows:
    """Tenure bar chart: members on 31.12.Y by full years since member_since on that day.

    Rows ``{band, members}`` for every band of ``TENURE_BANDS`` and ``unknown`` (no
    member_since), in display order.
    """
    bands = ", ".join(f"('{band}', {rank})" for rank, (band, _) in enumerate(TENURE_BANDS))
    return fetch(
        con,
        f"""
        WITH tenure AS (
            SELECT m.org_id, datesub('year', min(m.member_since), year_end(y.year)) AS full_years
            FROM year_range($first, $last) y
            JOIN v_member m ON m.cluster_id = $cluster_id AND {_AT_END}
            GROUP BY y.year, m.org_id
        ), banded AS (
            SELECT CASE WHEN full_years IS NULL THEN 'unknown' {_BAND_OF}
                        ELSE '{TENURE_BANDS[-1][0]}' END
                   AS band
            FROM tenure
        )
        SELECT b.band, count(t.band) AS members
        FROM (VALUES {bands}, ('unknown', {len(TENURE_BANDS)})) b(band, rank)
        LEFT JOIN banded t USING (band)
        GROUP BY b.band, b.rank ORDER BY b.rank
    """,
        year_params(cluster_id, (year, year)),
    )


def followers_vs_members(con: Con, cluster_id: str, years: Years) -> Rows:
    """Followers-vs-members chart: per year of the range, ``members`` and ``followers`` on 31.12.Y.

    A follower counts in a year when its own dates (if any) cover 31.12.Y; followers are never
    members (SPEC 5).
    """
    return fetch(
        con,
        f"""
        SELECT y.year,
               count(DISTINCT m.org_id) FILTER (WHERE {_AT_END}) AS members,
               count(DISTINCT m.org_id) FILTER (WHERE {_FOLLOWER_AT_END}) AS followers
        FROM year_range($first, $last) y LEFT JOIN v_member m ON m.cluster_id = $cluster_id
        GROUP BY y.year ORDER BY y.year
    """,
        year_params(cluster_id, years),
    )


def tier_engagement(con: Con, cluster_id: str, year: int) -> Rows:
    """Tier × engagement matrix (never the member count alone, DOMAIN W6) for members on 31.12.Y.

    Rows ``{tier, level, members}`` for every tier that occurs (None = no tier) and every level
    of ``engagement.LEVELS`` (zeros included), tiers by name, levels from core to passive.
    """
    levels = ", ".join(f"('{level}', {rank})" for rank, level in enumerate(LEVELS))
    return fetch(
        con,
        f"""
        {_LEVELLED}
        SELECT t.tier, l.level, count(v.org_id) AS members
        FROM (SELECT DISTINCT tier FROM levelled) t
        CROSS JOIN (VALUES {levels}) l(level, rank)
        LEFT JOIN levelled v ON v.tier IS NOT DISTINCT FROM t.tier AND v.level = l.level
        GROUP BY t.tier, l.level, l.rank ORDER BY t.tier NULLS LAST, l.rank
    """,
        year_params(cluster_id, (year, year)),
    )


def paying_but_passive(con: Con, cluster_id: str, year: int, *, role: str) -> Rows:
    """The manager's "paying but passive" list, a retention risk (DOMAIN 5.3, W20).

    Members on 31.12.Y with ``annual_fee_eur`` > 0 and engagement level passive:
    ``{name, tier, annual_fee_eur}`` by fee (highest first), then name. Manager only.
    """
    require_manager(role)
    return fetch(
        con,
        f"""
        {_LEVELLED}
        SELECT o.name, v.tier, round(v.annual_fee_eur, 2) AS annual_fee_eur
        FROM levelled v JOIN organisation o ON o.cluster_id = $cluster_id AND o.org_id = v.org_id
        WHERE v.level = 'passive' AND v.annual_fee_eur > 0
        ORDER BY v.annual_fee_eur DESC, o.name
    """,
        year_params(cluster_id, (year, year)),
    )
