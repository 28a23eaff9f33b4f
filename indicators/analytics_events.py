"""Event and participation analytics for the Events page and the board overview (SPEC 5 ORG-4).

Only attended rows count, de-duplicated to persons exactly as ORG-4 does (the ``person_rows``
macro: rows of one event sharing an e-mail, or a name and organisation, are one person).
"""

from __future__ import annotations

from indicators.analytics_query import Con, Rows, Years, fetch, year_params

# Organisation types by helix group: triple helix (companies, research and education, public)
# widened to the penta helix (financiers, citizens) and the third sector (DOMAIN 6.1).
HELIX_GROUPS: dict[str, tuple[str, ...]] = {
    "business": ("company",),
    "research_education": ("rdi", "education"),
    "public": ("public",),
    "financier": ("financier",),
    "citizens": ("individual",),
    "third_sector": ("third_sector",),
}
_HELIX_OF = " ".join(
    f"WHEN '{org_type}' THEN '{group}'"
    for group, types in HELIX_GROUPS.items()
    for org_type in types
)
HELIX_SQL = f"CASE org_type {_HELIX_OF} ELSE 'other' END"


def events_by_type(con: Con, cluster_id: str, years: Years) -> Rows:
    """Bar chart "events by type and year": ``{year, event_type, events}`` for types that occur."""
    return fetch(
        con,
        """
        SELECT year(date) AS year, event_type, count(*) AS events
        FROM v_event
        WHERE cluster_id = $cluster_id AND year(date) BETWEEN $first AND $last
        GROUP BY ALL ORDER BY year, event_type
    """,
        year_params(cluster_id, years),
    )


def participation_trend(con: Con, cluster_id: str, years: Years) -> Rows:
    """Participation trend line: per year of the range ``events``, ``person_participations``
    (attended, de-duplicated rows) and ``participating_orgs`` (distinct organisations)."""
    return fetch(
        con,
        """
        WITH ev AS (
            SELECT year(date) AS year, count(*) AS events FROM v_event
            WHERE cluster_id = $cluster_id AND year(date) BETWEEN $first AND $last GROUP BY ALL
        ), part AS (
            SELECT year, count(DISTINCT person) AS person_participations,
                   count(DISTINCT org_id) AS participating_orgs
            FROM person_rows($cluster_id, $first, $last) GROUP BY year
        )
        SELECT year, coalesce(events, 0) AS events,
               coalesce(person_participations, 0) AS person_participations,
               coalesce(participating_orgs, 0) AS participating_orgs
        FROM year_range($first, $last) y LEFT JOIN ev USING (year) LEFT JOIN part USING (year)
        ORDER BY year
    """,
        year_params(cluster_id, years),
    )


def participation_by_org_type(con: Con, cluster_id: str, years: Years) -> Rows:
    """Triple/penta-helix chart: who takes part, per year and organisation type.

    Rows ``{year, org_type, helix, organisations, person_participations}`` for the types that
    occur; an organisation of unknown type counts as ``other``.
    """
    return fetch(
        con,
        f"""
        WITH typed AS (
            SELECT p.year, p.org_id, p.person, coalesce(o.org_type, 'other') AS org_type
            FROM person_rows($cluster_id, $first, $last) p
            LEFT JOIN v_org o ON o.cluster_id = $cluster_id AND o.org_id = p.org_id
        )
        SELECT year, org_type, {HELIX_SQL} AS helix,
               count(DISTINCT org_id) AS organisations,
               count(DISTINCT person) AS person_participations
        FROM typed GROUP BY ALL ORDER BY year, org_type
    """,
        year_params(cluster_id, years),
    )
