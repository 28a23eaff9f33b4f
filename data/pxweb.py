"""Statistics Finland's PX-Web downloads read as regional statistics (SPEC 2.1).

PX-Web writes a table titled on its first line (``"12jz -- Maanteiden pituus …"``), a blank line,
then the header; the regional kind wants one row per region, year and measure. Three shapes
are turned into that long form, in SQL over the sheet as read:

- long: ``"Alue";"Vuosi";"Työlliset"``: each column after region and year is a measure;
- wide: ``"Alue";"2020 Työlliset";"2021 Työlliset"``: each column a year and a measure;
- wide with a measure column: ``"Alue";"Tiedot";"2020";"2021"``.

``..``, ``...`` and ``-`` mark a missing value: such cells are left out and counted. The
title line becomes the rows' source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from data.headers import HEADER_SCAN_ROWS, normalise_header
from data.sqlfunc import sql_list, sql_str

REGION = frozenset({"alue", "region", "area", "kunta", "municipality", "maakunta", "seutukunta"})
YEAR = frozenset({"vuosi", "year"})
MEASURE = frozenset({"tiedot", "information", "mittari", "muuttuja", "measure"})
MISSING = ("..", "...", "…", "-", ".")
_YEAR_COLUMN = re.compile(r"^(\d{4})(?:\s+(.+))?$")
# The columns of the long form, named as the regional kind's template names them.
HEADER = ("Alue", "Vuosi", "Mittari", "Arvo", "Lähde")


@dataclass(frozen=True)
class Reshaped:
    """A sheet in the regional kind's long form, and how many cells were marked missing."""

    table: pa.Table
    missing: int


def _cells(row: Sequence[str | None]) -> list[str]:
    return [normalise_header(cell) for cell in row]


def _header(rows: Sequence[Sequence[str | None]]) -> int | None:
    """The header row: a region column and a year column or a column per year."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = _cells(row)
        if REGION & set(cells) and (
            YEAR & set(cells) or any(_YEAR_COLUMN.match(cell) for cell in cells)
        ):
            return index
    return None


def _title(rows: Sequence[Sequence[str | None]]) -> str | None:
    """The first line above the header holding a single text: PX-Web's table title."""
    for row in rows:
        filled = [str(cell).strip() for cell in row if cell is not None and str(cell).strip()]
        if len(filled) == 1:
            return filled[0]
    return None


def _selects(raw: str, header: list[str], written: list[str]) -> list[str] | None:
    """One SELECT per value column giving (__row, region, year, measure, value), or None
    when the header is not one of the three shapes."""
    region = next(i for i, cell in enumerate(header) if cell in REGION)
    year = next((i for i, cell in enumerate(header) if cell in YEAR), None)
    measure = next((i for i, cell in enumerate(header) if cell in MEASURE), None)
    taken = {region, year, measure}
    out = []
    for i, cell in enumerate(header):
        if i in taken or not cell:
            continue
        wide = _YEAR_COLUMN.match(written[i]) if year is None else None
        if year is not None:
            year_sql, measure_sql = f"c{year}", sql_str(written[i])
            if measure is not None:  # "Alue";"Vuosi";"Tiedot";"arvo": the measure is a column
                measure_sql = f"c{measure}"
        elif wide and (wide.group(2) or measure is not None):
            year_sql = sql_str(wide.group(1))
            measure_sql = sql_str(wide.group(2)) if wide.group(2) else f"c{measure}"
        else:
            return None
        out.append(
            f"SELECT __row, c{region} AS region, {year_sql} AS year, {measure_sql} AS measure, "
            f"trim(c{i}) AS value FROM {raw}"
        )
    return out or None


def long_form(
    cur: duckdb.DuckDBPyConnection,
    table: pa.Table,
    rows: Sequence[Sequence[str | None]],
    row_numbers: Sequence[int],
) -> Reshaped | None:
    """The sheet in long form (``HEADER`` on its header row, the sheet's row numbers kept),
    or None when it is not a PX-Web table."""
    index = _header(rows)
    if index is None:
        return None
    written = [" ".join(str(cell).split()) if cell is not None else "" for cell in rows[index]]
    raw = "km_pxweb_raw"
    selects = _selects(raw, _cells(rows[index]), written)
    if selects is None:
        return None
    header_row = int(row_numbers[index])
    source = _title(rows[:index])
    cur.register(raw, table)
    try:
        long = cur.sql(f"""
            SELECT {header_row} AS __row, {", ".join(map(sql_str, HEADER))}, false AS missing
            UNION ALL
            SELECT CAST(__row AS INTEGER), region, CAST(year AS VARCHAR), measure, value,
                   {sql_str(source) if source else "NULL"}, value IN {sql_list(MISSING)}
            FROM ({" UNION ALL ".join(selects)})
            WHERE __row > {header_row} AND region IS NOT NULL AND value IS NOT NULL
            ORDER BY __row
        """).to_arrow_table()
    finally:
        cur.unregister(raw)
    marked = long.column("missing")
    long = long.filter(pc.invert(marked)).drop_columns(["missing"])
    names = ["__row", *(f"c{i}" for i in range(len(HEADER)))]
    columns = [long.column(0).cast(pa.int32()), *(c.cast(pa.string()) for c in long.columns[1:])]
    return Reshaped(pa.Table.from_arrays(columns, names=names), pc.sum(marked).as_py() or 0)
