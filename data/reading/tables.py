"""Turning columns of cell texts into the reader's table shape: ``__row`` then ``c0``..``cN``."""
from __future__ import annotations

from functools import reduce

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROW = "__row"
SheetData = tuple[str, bool, pa.Table]  # (sheet name, hidden, cell table)


def cell_table(columns: list[pa.Array], first_row: int = 1) -> pa.Table:
    """A sheet table from its text columns (column A first), rows numbered from ``first_row``.

    Empty strings become nulls and rows without any cell are dropped, so every later stage
    sees only rows that hold something, each still carrying its sheet row number.
    """
    height = len(columns[0]) if columns else 0
    cells = [_as_text(column) for column in columns]
    rows = pa.array(np.arange(first_row, first_row + height, dtype=np.int32))
    table = pa.Table.from_arrays(
        [rows, *cells], names=[ROW, *(f"c{i}" for i in range(len(cells)))]
    )
    if not cells:
        return table.slice(0, 0)
    filled = reduce(pc.or_, (pc.is_valid(column) for column in cells))
    return table.filter(filled)


def _as_text(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
