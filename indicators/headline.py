"""The board's answer for one year (DOMAIN 0.3, 6.4): what went in, what was done, what came out.

Inputs (the city's paid money and its share of all paid funding), activity (participations and
the organisations reached) and results (recorded outcomes and the stories published), each with
its series over the years shown, its n or coverage and its data class; then every target set for
the year with its status, and the time of the last import. Member count is never a headline
figure (cookbook W6).

Built only from indicator result records (what ``klusterimittari indicators`` prints) and the
cluster's targets, so the overview, the board report and the command line show one set of
numbers. No Streamlit, no formatting: pages and reports label and format what this returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from indicators import honesty

Record = Mapping[str, Any]
Key = tuple[str, str]  # (code, metric)

# The headline, section by section: the figure each section leads with, then the figures shown
# beside it as its context, n or coverage.
SECTIONS: tuple[tuple[str, tuple[Key, ...]], ...] = (
    (
        "inputs",
        (
            ("FUN-1", "city_eur"),
            ("FUN-1", "city_share"),
            ("FUN-1", "total_eur"),
            ("FUN-1", "committed_eur"),
        ),
    ),
    (
        "activity",
        (
            ("ORG-4", "person_participations"),
            ("ORG-4", "participating_orgs"),
            ("ORG-4", "events_held"),
            ("ORG-4", "events_with_attendance"),
        ),
    ),
    (
        "results",
        (
            ("OUT-1", "outcomes"),
            ("OUT-1", "published_stories"),
            ("OUT-1", "outcomes_eur"),
            # Jobs like for like (the companies that were members in both years), never the
            # member companies' total, which grows with membership.
            ("REG-3", "jobs_change_same_members"),
        ),
    ),
)


@dataclass(frozen=True)
class Point:
    """One year of a figure."""

    year: int
    value: float | None
    n: int | None
    suppressed: bool
    recorded: bool
    note: str | None


@dataclass(frozen=True)
class Figure:
    """One metric in the chosen year with its series, target and status."""

    code: str
    metric: str
    unit: str
    data_class: str
    year: int
    series: tuple[Point, ...]
    target: float | None
    status: str

    @property
    def point(self) -> Point | None:
        """The chosen year's point (None when the results have no record of it)."""
        return next((p for p in self.series if p.year == self.year), None)

    @property
    def n(self) -> int | None:
        """The chosen year's n, if the figure has one."""
        point = self.point
        return None if point is None else point.n

    @property
    def value(self) -> float | None:
        point = self.point
        return None if point is None else point.value

    @property
    def recorded(self) -> bool:
        """False when the chosen year's figure rests on nothing (``honesty.recorded``)."""
        point = self.point
        return point is None or point.recorded

    @property
    def change(self) -> tuple[float, int] | None:
        """Change from the year before: stocks only, both years known (``honesty.change``)."""
        values = {p.year: p.value for p in self.series}
        return honesty.change(self.code, self.metric, values, self.year)


@dataclass(frozen=True)
class Section:
    """``inputs``, ``activity`` or ``results``: its lead figure first, then its context."""

    key: str
    figures: tuple[Figure, ...]

    def get(self, metric: str) -> Figure | None:
        return next((f for f in self.figures if f.metric == metric), None)


@dataclass(frozen=True)
class Headline:
    """The board's answer for ``year`` (series over ``years``)."""

    year: int
    years: tuple[int, int]
    sections: tuple[Section, ...]
    targets: tuple[Figure, ...]
    as_of: dt.datetime | None

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def headline(
    records: Iterable[Record],
    targets: Iterable[Record],
    year: int,
    years: tuple[int, int],
    *,
    today: dt.date,
    as_of: dt.datetime | None = None,
) -> Headline:
    """The headline of ``year`` from result ``records`` (``present.record`` rows) and target
    rows (``code, metric, year, value``); series cover ``years``; ``today`` decides whether a
    year is still running (target status)."""
    first, last = min(years), max(years)
    rows: dict[Key, list[Record]] = {}
    for r in records:
        if r["year"] is not None and first <= int(r["year"]) <= last:
            rows.setdefault((r["code"], r["metric"]), []).append(r)
    goals = {(t["code"], t["metric"], int(t["year"])): t["value"] for t in targets}

    def figure(key: Key, series_rows: list[Record]) -> Figure:
        ordered = sorted(series_rows, key=lambda r: int(r["year"]))
        unit, data_class = str(ordered[0]["unit"]), str(ordered[0]["data_class"])
        series = tuple(_point(r, unit) for r in ordered)
        goal = goals.get((key[0], key[1], year))
        value = next((p.value for p in series if p.year == year and p.recorded), None)
        status = honesty.target_status(key[0], key[1], value, goal, year, today)
        return Figure(key[0], key[1], unit, data_class, year, series, goal, status)

    sections = tuple(
        Section(name, tuple(figure(key, rows[key]) for key in keys if key in rows))
        for name, keys in SECTIONS
    )
    targeted = [
        figure((code, metric), rows[(code, metric)])
        for (code, metric, goal_year) in goals
        if goal_year == year and (code, metric) in rows
    ]
    return Headline(year, (first, last), sections, tuple(targeted), as_of)


def _point(r: Record, unit: str) -> Point:
    value = None if honesty.missing(r["value"]) else float(r["value"])
    n = None if honesty.missing(r.get("n")) else int(r["n"])
    return Point(
        year=int(r["year"]),
        value=value,
        n=n,
        suppressed=bool(r.get("suppressed")),
        recorded=honesty.recorded(unit, n, value),
        note=r.get("note"),
    )


def last_import(con: duckdb.DuckDBPyConnection, cluster_id: str) -> dt.datetime | None:
    """When the cluster's data last changed by an import that is still loaded ("data as of")."""
    row = con.execute(
        "SELECT max(imported_at) FROM import_log WHERE cluster_id = ? AND status = 'loaded'",
        [cluster_id],
    ).fetchone()
    return row[0] if row else None
