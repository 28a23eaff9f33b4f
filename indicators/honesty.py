"""How a figure may be read (DOMAIN 4.2): stock or flow, change, "not recorded", target status.

The rules every page, report and export applies to an indicator value before showing it:

- A **stock** is a level on a date (members on 31.12., their jobs); a **flow** is what happened
  during the year (events, euros paid, outcomes). Only a stock has a year-on-year change, and
  only when both years have a value: a flow's change compares two unrelated years' activity
  (the project cycle, one large deal) and reads as a trend it is not. Flows show the year's
  value beside the several-year series instead.
- A figure that rests on nothing (``n == 0``) was **not recorded** when it has no value (REG-3's
  change among companies with counts for both years, when there is none) or is a euro sum: "0 €"
  would say the result was worth nothing. A count or share with a value keeps it: 0 answers of
  10 invited is a response rate of 0 %.
- Against its target a value has **reached** it once the year is over (a flow also as soon as it
  gets there); in a year still running a flow is **on track** when it has reached the target's
  share of the days gone, a stock when it stands at the target today; otherwise it is
  **behind**, and once the year is over, **not reached**.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from indicators.present import missing

# (code, metric) of the stocks among the built-in metrics; everything else is a flow. REG-3's
# member_jobs is a level too, but its change from year to year is mostly the change of
# membership, not of jobs: it gets none; REG-3's own jobs_change_same_members is the change
# among the companies that were members in both years.
STOCKS: frozenset[tuple[str, str]] = frozenset(
    {
        ("ORG-1", "members_year_end"),
        ("ORG-1", "engagement_core"),
        ("ORG-1", "engagement_active"),
        ("ORG-1", "engagement_occasional"),
        ("ORG-1", "engagement_passive"),
        ("ESCA", "actors"),
        ("ESCA", "company_share"),
        ("ESCA", "criteria_met"),
    }
)
# Metrics where less is better: a target is a ceiling, not a floor.
LOWER_IS_BETTER: frozenset[tuple[str, str]] = frozenset(
    {("ORG-1", "members_left"), ("ORG-1", "engagement_passive")}
)

# Target statuses (the catalogue names each: ui.status.<status>).
BEHIND, NOT_REACHED, ON_TRACK, REACHED, NO_DATA, NO_TARGET = (
    "behind",
    "not_reached",
    "on_track",
    "reached",
    "no_data",
    "no_target",
)


def is_stock(code: str, metric: str) -> bool:
    """True for a level on a date (members, jobs); False for what happened in a year."""
    return (code, metric) in STOCKS


def recorded(unit: str, n: object, value: object) -> bool:
    """False for a figure that rests on no row (``n == 0``) and has no value, or is a euro sum
    (of no entered amount, whatever its 0 says). Other values are recorded (a missing one
    without an n is missing)."""
    if missing(n) or int(n) != 0:  # type: ignore[arg-type]
        return True
    return not (unit == "eur" or missing(value))


def change(
    code: str, metric: str, by_year: Mapping[int, object], year: int
) -> tuple[float, int] | None:
    """``(value(year) − value(previous year), previous year)`` for a stock whose two years both
    have a value; None for a flow or when either year has none."""
    if not is_stock(code, metric):
        return None
    now, before = by_year.get(year), by_year.get(year - 1)
    if missing(now) or missing(before):
        return None
    return float(now) - float(before), year - 1  # type: ignore[arg-type]


def year_elapsed(year: int, today: dt.date) -> float:
    """Share of ``year`` gone by ``today``: 0 before it starts, 1 once it has ended."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def target_status(
    code: str, metric: str, value: object, target: object, year: int, today: dt.date
) -> str:
    """``reached`` / ``on_track`` / ``behind`` (year running) / ``not_reached`` (year over) /
    ``no_data`` / ``no_target`` for a value against its target in ``year``."""
    if missing(target):
        return NO_TARGET
    if missing(value):
        return NO_DATA
    actual, goal = float(value), float(target)  # type: ignore[arg-type]
    lower, stock = (code, metric) in LOWER_IS_BETTER, is_stock(code, metric)
    running = year_elapsed(year, today) < 1.0
    if (actual <= goal) if lower else (actual >= goal):
        # A flow that has reached its goal keeps it; a stock or a ceiling may still move.
        return ON_TRACK if running and (lower or stock) else REACHED
    if not running or (lower and not stock):  # a flow over its ceiling cannot come back
        return NOT_REACHED
    if not lower and not stock and actual >= goal * year_elapsed(year, today):
        return ON_TRACK
    return BEHIND
