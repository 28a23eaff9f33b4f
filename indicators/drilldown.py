"""The rows behind a headline bar, for the manager (issue 16 item 3): the events of a year with
their participants, the outcomes logged in it, the funding rows of it.

Raw rows never reach the board (``auth.roles.require_manager``); participants are counted as
ORG-4 counts them (attended, de-duplicated to persons), so the rows add up to the bar.
"""

from __future__ import annotations

from auth.roles import require_manager
from indicators.analytics_query import Con, Rows, fetch, year_params


def events_of_year(con: Con, cluster_id: str, year: int, *, role: str) -> Rows:
    """``{date, title, event_type, persons, organisations}`` per event of ``year``, by date."""
    require_manager(role)
    return fetch(
        con,
        """
        SELECT e.date, e.title, e.event_type,
               count(DISTINCT r.person) AS persons, count(DISTINCT r.org_id) AS organisations
        FROM v_event e
        LEFT JOIN person_rows($cluster_id, $first, $last) r ON r.event_key = e.event_key
        WHERE e.cluster_id = $cluster_id AND year(e.date) BETWEEN $first AND $last
        GROUP BY e.event_key, e.date, e.title, e.event_type ORDER BY e.date, e.title
    """,
        year_params(cluster_id, (year, year)),
    )


def outcomes_of_year(con: Con, cluster_id: str, year: int, *, role: str) -> Rows:
    """``{date, outcome_type, title, amount_eur, published}`` per outcome logged in ``year``."""
    require_manager(role)
    return fetch(
        con,
        """
        SELECT date, outcome_type, title, amount_eur,
               coalesce(consent_to_publish, false) AS published
        FROM v_outcome WHERE cluster_id = $cluster_id AND year(date) BETWEEN $first AND $last
        ORDER BY date, title
    """,
        year_params(cluster_id, (year, year)),
    )


def funding_of_year(con: Con, cluster_id: str, year: int, *, role: str) -> Rows:
    """``{source_type, payer, status, amount_eur}`` per funding row of ``year``."""
    require_manager(role)
    return fetch(
        con,
        """
        SELECT source_type, payer, status, amount_eur FROM v_funding
        WHERE cluster_id = $cluster_id AND year BETWEEN $first AND $last
        ORDER BY status DESC, amount_eur DESC, payer
    """,
        year_params(cluster_id, (year, year)),
    )
