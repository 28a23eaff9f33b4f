"""Success stories (outcome log) for the story cards and the board overview.

The board and the public see only stories with consent to publish; the manager may ask for
all of them, each marked with its consent flag.
"""

from __future__ import annotations

from typing import Any

from auth.roles import require_manager
from indicators.analytics_query import Con, Rows, Years, fetch, year_params

_STORIES = """
    WITH orgs AS (
        SELECT oo.outcome_key, list(DISTINCT o.name ORDER BY o.name) AS organisations
        FROM v_outcome_org oo JOIN organisation o USING (cluster_id, org_id)
        WHERE oo.cluster_id = $cluster_id GROUP BY oo.outcome_key
    ), stories AS (
        SELECT s.outcome_key, s.date, year(s.date) AS year, s.outcome_type, s.title, s.description,
               coalesce(orgs.organisations, []) AS organisations,
               s.amount_eur::DOUBLE AS amount_eur, s.jobs, s.country, s.attribution, s.evidence,
               s.consent_to_publish
        FROM v_outcome s LEFT JOIN orgs USING (outcome_key)
        WHERE s.cluster_id = $cluster_id AND year(s.date) BETWEEN $first AND $last
          AND (s.consent_to_publish OR $all)
    )
"""


def _story_params(
    cluster_id: str, years: Years, role: str, include_unconsented: bool
) -> dict[str, Any]:
    if include_unconsented:
        require_manager(role)
    return {**year_params(cluster_id, years), "all": include_unconsented}


def success_stories(
    con: Con,
    cluster_id: str,
    years: Years,
    *,
    role: str,
    outcome_type: str | None = None,
    year: int | None = None,
    organisation: str | None = None,
    include_unconsented: bool = False,
) -> Rows:
    """Story cards, newest first, filtered by type, year and organisation name.

    Without ``include_unconsented`` only stories with consent to publish are returned (board
    and public view). ``include_unconsented=True`` is the manager's view (PermissionDenied for
    any other role): every story, with ``consent_to_publish`` telling which may not be shown
    outside.
    """
    params = _story_params(cluster_id, years, role, include_unconsented)
    params |= {"type": outcome_type, "year": year, "organisation": organisation}
    return fetch(
        con,
        f"""
        {_STORIES}
        SELECT * EXCLUDE (outcome_key) FROM stories
        WHERE ($type::VARCHAR IS NULL OR outcome_type = $type)
          AND ($year::INTEGER IS NULL OR year = $year)
          AND ($organisation::VARCHAR IS NULL OR list_contains(organisations, $organisation))
        ORDER BY date DESC, title
    """,
        params,
    )


def story_filters(
    con: Con, cluster_id: str, years: Years, *, role: str, include_unconsented: bool = False
) -> dict[str, list[Any]]:
    """Choices for the story filters: the ``outcome_types``, ``years`` and ``organisations``
    that occur among the stories the role may see."""
    params = _story_params(cluster_id, years, role, include_unconsented)
    row = fetch(
        con,
        f"""
        {_STORIES}
        SELECT coalesce(list(DISTINCT outcome_type ORDER BY outcome_type), []) AS outcome_types,
               coalesce(list(DISTINCT year ORDER BY year), []) AS years,
               coalesce(
                   (SELECT list(DISTINCT o ORDER BY o) FROM stories, unnest(organisations) t(o)), []
               )
                   AS organisations
        FROM stories
    """,
        params,
    )[0]
    return row
