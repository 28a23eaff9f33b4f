"""The reader's table shape: ``__row`` then ``c0``..``cN`` text columns (column A first)."""

from __future__ import annotations

from functools import reduce
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    import fastexcel

ROW = "__row"
SheetData = tuple[str, bool, pa.Table]  # (sheet name, hidden, cell table)


def sheet_columns(sheet: fastexcel.ExcelSheet) -> list[pa.Array]:
    """A loaded sheet's text columns from column A: fastexcel starts at the used range, so the
    columns left of it (its first ``absolute_index``) come back as nulls."""
    first_column = min(info.absolute_index for info in sheet.available_columns())
    batch = sheet.to_arrow()
    return [*[pa.nulls(batch.num_rows, pa.string())] * first_column, *batch.columns]


def cell_table(columns: list[pa.Array], first_row: int = 1) -> pa.Table:
    """A sheet table from its text columns (nulls for empty cells), numbered from
    ``first_row``.

    Rows without any cell are dropped, so every later stage sees only rows that hold
    something, each still carrying its sheet row number.
    """
    height = len(columns[0]) if columns else 0
    numbers = np.arange(first_row, first_row + height, dtype=np.int32)
    rows = pa.Array.from_buffers(pa.int32(), height, [None, pa.py_buffer(numbers)])
    table = pa.Table.from_arrays(
        [rows, *columns], names=[ROW, *(f"c{i}" for i in range(len(columns)))]
    )
    if not columns:
        return table
    filled = reduce(pc.or_, (pc.is_valid(column) for column in columns))
    return table.filter(filled)


def blank_to_null(column: pa.Array) -> pa.Array:
    """Empty and whitespace-only texts become nulls, as fastexcel does for workbook cells."""
    blank = pc.or_(pc.equal(column, ""), pc.utf8_is_space(column))
    return pc.if_else(blank, pa.nulls(len(column), pa.string()), column)
