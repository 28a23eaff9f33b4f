"""Compute every registered indicator for every year of a cluster's data (SPEC 4, 5).

Each indicator runs its one set-based query over the whole year range; this module only turns
the long rows into ``Result`` records: rounding by unit, n < 5 suppression, "upload X" notes for
input kinds never imported, and null records for metrics that cannot be computed at all.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from i18n import catalogue, t
from indicators.record import Result
from indicators.registry import REGISTRY, Indicator, Metric
from indicators.years import data_years, imported_kinds

DECIMALS = {"share": 4, "ratio": 4, "eur": 2, "score": 2}


def compute(con: duckdb.DuckDBPyConnection, cluster_id: str = "default", year: int | None = None,
            lang: str = "fi", codes: Iterable[str] | None = None) -> list[Result]:
    """Results of every indicator (or of ``codes``) for every year of the data, or ``year`` alone.

    Sorted by code, year and metric. With no data at all, each indicator's metrics come back once
    with ``year`` None (or ``year``) and a note naming what to upload.
    """
    kinds = imported_kinds(con, cluster_id)
    years = (int(year), int(year)) if year is not None else data_years(con, cluster_id)
    selected = [REGISTRY[c] for c in (codes if codes is not None else REGISTRY)]
    results: list[Result] = []
    for indicator in selected:
        results.extend(_indicator_results(con, indicator, cluster_id, years, kinds, lang))
    return sorted(results, key=lambda r: (r.code, r.year if r.year is not None else -1, r.metric))


def _indicator_results(con: duckdb.DuckDBPyConnection, indicator: Indicator, cluster_id: str,
                       years: tuple[int, int] | None, kinds: frozenset[str], lang: str) -> list[Result]:
    year_list: list[int | None] = list(range(years[0], years[1] + 1)) if years else [None]
    rows: list[tuple[Any, ...]] = []
    if years and kinds.intersection(indicator.inputs):
        cur = con.cursor()
        try:
            cur.execute(indicator.sql, query_params(indicator.sql, cluster_id, years))
            rows = cur.fetchall()
        finally:
            cur.close()
    results = [_result(indicator, row, kinds, lang) for row in rows]
    seen = {(r.year, r.metric) for r in results}
    # A record for every fixed metric and year, also where the query gave none (input never
    # imported, or a custom query that skips a year): null with a note.
    for metric in indicator.metrics:
        if metric.is_family:
            continue
        for y in year_list:
            if (y, metric.name) not in seen:
                results.append(_result(indicator, (y, metric.name, None, None, None), kinds, lang))
    return results


def query_params(sql: str, cluster_id: str, years: tuple[int, int]) -> dict[str, Any]:
    """The named parameters ``sql`` uses among ``$cluster_id``, ``$first`` and ``$last``
    (DuckDB rejects unused ones, and a custom query may not need the year range)."""
    params = {"cluster_id": cluster_id, "first": years[0], "last": years[1]}
    return {name: value for name, value in params.items() if f"${name}" in sql}


def _result(indicator: Indicator, row: tuple[Any, ...], kinds: frozenset[str], lang: str) -> Result:
    year, metric_name, value, n, note = row
    metric = indicator.metric(metric_name)
    unit = metric.unit if metric else "count"
    missing = [k for k in (metric.inputs if metric else indicator.inputs) if k not in kinds]
    suppressed = False
    if missing:
        value, note = None, upload_note(missing, lang)
    elif _suppress(metric, n):
        value, suppressed, note = None, True, "suppressed"
    elif value is None and not note:
        note = "no_rows"  # every null carries a note (a custom query may skip a year)
    if note and not missing:
        note = _note_text(note, lang)
    return Result(
        code=indicator.code, metric=metric_name, year=None if year is None else int(year),
        value=_rounded(value, unit), unit=unit, n=None if n is None else int(n), suppressed=suppressed,
        name_fi=indicator.name_fi, name_en=indicator.name_en, recipient=indicator.recipient,
        data_class=indicator.data_class, note=note,
    )


def _suppress(metric: Metric | None, n: int | None) -> bool:
    return bool(metric and metric.min_n is not None and n is not None and n < metric.min_n)


def _rounded(value: Any, unit: str) -> float | int | None:
    if value is None:
        return None
    if unit in DECIMALS:
        return round(float(value), DECIMALS[unit])
    return round(float(value))


def _note_text(key: str, lang: str) -> str:
    """A note key of a query as text; a note that is not a known key (custom SQL) is kept as is."""
    full = f"indicators.note.{key}"
    return t(full, lang) if full in catalogue() else key


def upload_note(kinds: Iterable[str], lang: str = "fi") -> str:
    """"No data: upload X" for the missing input kinds."""
    what = t("indicators.note.and", lang).join(t(f"indicators.kind.{k}", lang) for k in kinds)
    return t("indicators.note.upload", lang, what=what)
