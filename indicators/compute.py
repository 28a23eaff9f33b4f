"""Compute the indicators of a registry for every year of a cluster's data (SPEC 4, 5).

Each indicator runs its one set-based query over the whole year range; this module only turns
the long rows into ``Result`` records: rounding by unit, n < 5 suppression, "upload X" notes for
input kinds never imported, and null records for metrics that cannot be computed at all. Notes
are keys with arguments (``Note``); ``indicators.present`` says them in a language.

One call reads one snapshot: the year range, the imported kinds and every query run on one
cursor inside one read transaction that is always rolled back, so a call never sees half of an
import that commits meanwhile. Custom indicators (``Indicator.custom``) run in
``indicators.sandbox`` on copies of that snapshot's views; a query that is refused or fails gives
null records with a neutral note (the board reads them), and ``custom_errors`` tells the manager
why.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import duckdb

from indicators import rules
from indicators.model import Indicator, Metric
from indicators.record import Note, Result
from indicators.registry import Registry
from indicators.sandbox import Sandbox, SandboxError
from indicators.years import data_years, imported_kinds

_DECIMALS = {"share": 4, "ratio": 4, "eur": 2, "score": 2}

Row = tuple[Any, ...]


def compute(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str = "default",
    year: int | None = None,
    codes: Iterable[str] | None = None,
) -> list[Result]:
    """Results of every indicator of ``registry`` (or of ``codes``) for every year of the data,
    or ``year`` alone.

    Sorted by code, year and metric. With no data at all, each indicator's metrics come back once
    with ``year`` None (or ``year``) and a note naming what to upload.
    """
    selected = [registry[c] for c in (codes if codes is not None else registry)]
    with read_snapshot(con) as cur, Sandbox(cur, cluster_id) as sandbox:
        results = _all_results(cur, sandbox, selected, cluster_id, year)
    return sorted(results, key=lambda r: (r.code, r.year if r.year is not None else -1, r.metric))


@contextmanager
def read_snapshot(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of ``con`` inside a transaction that is rolled back at the end, with the rule
    macros on it: every query on it reads the same committed state, and nothing it runs can
    change the database."""
    cur = con.cursor()
    try:
        cur.begin()
        try:
            rules.install(cur)
            yield cur
        finally:
            cur.rollback()
    finally:
        cur.close()


def _all_results(
    cur: duckdb.DuckDBPyConnection,
    sandbox: Sandbox,
    selected: list[Indicator],
    cluster_id: str,
    year: int | None,
) -> list[Result]:
    kinds = imported_kinds(cur, cluster_id)
    years = _years(cur, cluster_id, year)
    results: list[Result] = []
    for indicator in selected:
        try:
            rows, note = _rows(cur, sandbox, indicator, cluster_id, years, kinds), None
        except SandboxError:
            rows, note = [], Note.of("sandbox.failed_note", code=indicator.code)
        results.extend(_indicator_results(indicator, rows, years, kinds, note))
    return results


def custom_errors(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str = "default",
    year: int | None = None,
    codes: Iterable[str] | None = None,
) -> dict[str, SandboxError]:
    """Why custom indicators (all, or ``codes``) fail on the cluster's data: for the manager's
    eyes only (the settings page, the CLI's error stream), never in results or exports."""
    selected = [registry[c] for c in (codes if codes is not None else registry)]
    errors: dict[str, SandboxError] = {}
    with read_snapshot(con) as cur, Sandbox(cur, cluster_id) as sandbox:
        kinds = imported_kinds(cur, cluster_id)
        years = _years(cur, cluster_id, year)
        for indicator in (i for i in selected if i.custom):
            try:
                _rows(cur, sandbox, indicator, cluster_id, years, kinds)
            except SandboxError as exc:
                errors[indicator.code] = exc
    return errors


def _years(
    cur: duckdb.DuckDBPyConnection, cluster_id: str, year: int | None
) -> tuple[int, int] | None:
    return (int(year), int(year)) if year is not None else data_years(cur, cluster_id)


def _rows(
    cur: duckdb.DuckDBPyConnection,
    sandbox: Sandbox,
    indicator: Indicator,
    cluster_id: str,
    years: tuple[int, int] | None,
    kinds: frozenset[str],
) -> list[Row]:
    """The indicator's long rows (none when there are no years or none of its inputs); custom
    SQL runs in the sandbox, never on ``cur``."""
    if not years or not kinds.intersection(indicator.inputs):
        return []
    params = query_params(indicator.sql, cluster_id, years, indicator.params)
    if indicator.custom:
        return sandbox.rows(indicator.code, indicator.sql, params)
    return cur.execute(indicator.sql, params).fetchall()


def _indicator_results(
    indicator: Indicator,
    rows: list[Row],
    years: tuple[int, int] | None,
    kinds: frozenset[str],
    note: Note | None,
) -> list[Result]:
    """Records of the query's rows, plus a null record for every fixed metric and year the rows
    lack (input never imported, a custom query that skips a year or failed): null with a note."""
    year_list: list[int | None] = list(range(years[0], years[1] + 1)) if years else [None]
    results = [_result(indicator, row, kinds) for row in rows]
    seen = {(r.year, r.metric) for r in results}
    for metric in indicator.specs:
        if metric.is_family:
            continue
        for y in year_list:
            if (y, metric.name) not in seen:
                results.append(_result(indicator, (y, metric.name, None, None, note), kinds))
    return results


def query_params(
    sql: str, cluster_id: str, years: tuple[int, int], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The named parameters ``sql`` uses among ``$cluster_id``, ``$first``, ``$last`` and
    ``extra`` (DuckDB rejects unused ones, and a custom query may not need the year range)."""
    params = {"cluster_id": cluster_id, "first": years[0], "last": years[1], **(extra or {})}
    return {name: value for name, value in params.items() if f"${name}" in sql}


def _result(indicator: Indicator, row: Row, kinds: frozenset[str]) -> Result:
    year, metric_name, value, n, note = row
    metric = indicator.metric(metric_name)
    unit = metric.unit if metric else "count"
    missing = [k for k in (metric.inputs if metric else indicator.inputs) if k not in kinds]
    suppressed = False
    if missing:
        value, note = None, Note.of("indicators.note.upload", kinds=tuple(missing))
    elif _suppress(metric, value, n):
        value, suppressed, note = None, True, Note.of("indicators.note.suppressed")
    elif isinstance(note, str):  # a note key of the query
        note = Note.of(f"indicators.note.{note}")
    elif value is None and note is None:  # every null carries a note
        note = (
            Note.of("analytics.custom.no_data", year=year if year is not None else "–")
            if indicator.custom
            else Note.of("indicators.note.no_rows")
        )
    return Result(
        code=indicator.code,
        metric=metric_name,
        year=None if year is None else int(year),
        value=_rounded(value, unit),
        unit=unit,
        n=None if n is None else int(n),
        suppressed=suppressed,
        name_fi=indicator.name.fi,
        name_en=indicator.name.en,
        recipient=indicator.recipient,
        data_class=indicator.data_class,
        note=note,
    )


def _suppress(metric: Metric | None, value: Any, n: int | None) -> bool:
    """A value of a metric with ``min_n`` is hidden when it rests on fewer answers, or on an
    unknown number of them (a custom survey query without ``n``) unless ``n`` is optional."""
    if metric is None or metric.min_n is None:
        return False
    if n is None:
        return value is not None and not metric.n_optional
    return n < metric.min_n


def _rounded(value: Any, unit: str) -> float | int | None:
    if value is None:
        return None
    if unit in _DECIMALS:
        return round(float(value), _DECIMALS[unit])
    return round(float(value))
