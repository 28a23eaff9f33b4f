"""The numbers behind a chart, as a table people can read under it and download.

Every chart the app draws comes with its ``Table``: the same values, one row per bar or point,
each column with its unit, so a reader can check a figure without hovering, and a screen
reader or a printout has the numbers too. ``display`` writes the values as text in the reader's
language; ``export.table_file`` writes them to a workbook as numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.present import format_value, missing

TEXT = None  # unit of a column of names or years: shown as written


@dataclass(frozen=True)
class Table:
    """``rows`` of values under ``headers``; ``units[i]`` is the unit of column ``i`` (a unit of
    ``charts.units``, or ``TEXT``). A text in a number column (``ei kirjattu``, ``n < 5``) says
    why the number is missing and is shown as written."""

    title: str
    headers: tuple[str, ...]
    units: tuple[str | None, ...]
    rows: tuple[tuple[object, ...], ...]

    def display(self, lang: str, empty: str = "–") -> pd.DataFrame:
        """The table as text: numbers in their unit (``1 234 €``, ``40 %``), years as written."""
        return pd.DataFrame(
            [
                [
                    empty
                    if missing(v)
                    else (
                        str(v)
                        if unit is TEXT or isinstance(v, str)
                        else format_value(v, unit, lang)
                    )
                    for v, unit in zip(row, self.units, strict=True)
                ]
                for row in self.rows
            ],
            columns=list(self.headers),
        )


def table(
    title: str, columns: Sequence[tuple[str, str | None]], rows: Sequence[Sequence[object]]
) -> Table:
    """A ``Table`` from ``(header, unit)`` pairs and rows of values."""
    return Table(
        title,
        tuple(h for h, _ in columns),
        tuple(u for _, u in columns),
        tuple(tuple(None if missing(v) else v for v in row) for row in rows),
    )


def columns_of(
    title: str, df: pd.DataFrame, columns: Sequence[tuple[str, str, str | None]]
) -> Table:
    """A table of ``df``'s columns, each given as ``(column, header, unit)``."""
    return table(
        title,
        [(header, unit) for _, header, unit in columns],
        [list(row) for row in df[[col for col, _, _ in columns]].itertuples(index=False)],
    )


def pivoted(
    title: str,
    df: pd.DataFrame,
    *,
    index: str,
    index_header: str,
    series: str,
    value: str,
    labels: Mapping[str, str],
    unit: str,
    order: Sequence[str] | None = None,
) -> Table:
    """A long frame (``index``, ``series``, ``value``) as a table: a row per ``index`` value (a
    year), a column per series, in ``order``."""
    if df.empty:
        return Table(title, (), (), ())
    wide = df.pivot_table(index=index, columns=series, values=value, aggfunc="sum")
    keys = [k for k in (order or list(wide.columns)) if k in wide.columns]
    return table(
        title,
        [(index_header, TEXT)] + [(labels.get(k, str(k)), unit) for k in keys],
        [[i] + [wide.at[i, k] for k in keys] for i in wide.index],
    )
