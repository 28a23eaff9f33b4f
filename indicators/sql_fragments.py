"""SQL pieces every indicator query shares: the year series, membership on a date, active projects.

Queries take the named parameters ``$cluster_id``, ``$first`` and ``$last`` (an inclusive year
range), so one query computes every year at once.
"""

from __future__ import annotations

# The years of the range as a relation (``year``), so quiet years get a row too.
YEARS_CTE = "years AS (SELECT unnest(range($first, $last + 1))::INTEGER AS year)"

# Project statuses that mean the money or the work is real (SPEC 5).
FUNDED_STATUSES = "('granted', 'ongoing', 'closed')"

# Roles that make an attended row an in-kind contribution (SPEC 5, engagement).
CONTRIBUTING_ROLES = "('speaker', 'host', 'organiser')"


def member_on(alias: str, day: str) -> str:
    """Predicate: the register row ``alias`` is a member on the date expression ``day`` (SPEC 5).

    Followers never are; a ``former`` row without ``member_until`` is a member on no date;
    a missing ``member_since`` means since always; leaving on ``day`` still counts.
    """
    return (
        f"({alias}.status <> 'follower'"
        f" AND NOT ({alias}.status = 'former' AND {alias}.member_until IS NULL)"
        f" AND ({alias}.member_since IS NULL OR {alias}.member_since <= {day})"
        f" AND ({alias}.member_until IS NULL OR {alias}.member_until >= {day}))"
    )


def year_end(year: str) -> str:
    """SQL date 31.12. of the integer expression ``year``."""
    return f"make_date({year}, 12, 31)"


def year_start(year: str) -> str:
    """SQL date 1.1. of the integer expression ``year``."""
    return f"make_date({year}, 1, 1)"


def project_active_in(alias: str, year: str) -> str:
    """Predicate: project ``alias`` is funded and its [start, end] overlaps ``year`` (no end = running)."""
    return (
        f"({alias}.status IN {FUNDED_STATUSES}"
        f" AND {alias}.start_date <= {year_end(year)}"
        f" AND ({alias}.end_date IS NULL OR {alias}.end_date >= {year_start(year)}))"
    )


# Attended participation rows joined to their event's year (only attended rows count anywhere).
ATTENDED_ROWS = """attended_rows AS (
    SELECT p.event_key, p.org_id, p.email_hash, p.name_hash, p.role,
           year(e.date)::INTEGER AS year
    FROM v_participation p
    JOIN v_event e ON e.cluster_id = p.cluster_id AND e.event_key = p.event_key
    WHERE p.cluster_id = $cluster_id AND p.attended
      AND year(e.date) BETWEEN $first AND $last
)"""
