"""A chart's numbers as a one-sheet workbook (the "show data" download under every chart).

Text goes through ``safe.write_value`` (never a formula, SPEC 6), numbers stay numbers in the
unit's cell format, so the reader can recompute what the chart shows.
"""

from __future__ import annotations

import io

import xlsxwriter

from charts.table import TEXT, Table
from export.safe import write_value
from export.styles import Styles

SHEET_NAME_MAX = 31
_INVALID = "[]:*?/\\"


def table_workbook(table: Table, lang: str) -> bytes:
    """``table`` as .xlsx bytes: its title in the first row, the header, then the rows."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = Styles(book, lang)
    name = "".join(" " if ch in _INVALID else ch for ch in table.title).strip("' ")
    sheet = book.add_worksheet(name[:SHEET_NAME_MAX] or "data")
    write_value(sheet, 0, 0, table.title, styles.title)
    for col, header in enumerate(table.headers):
        write_value(sheet, 2, col, header, styles.header)
        sheet.set_column(col, col, max(12, min(40, len(header) + 4)))
    for row_no, row in enumerate(table.rows, start=3):
        for col, (value, unit) in enumerate(zip(row, table.units, strict=True)):
            numeric = unit is not TEXT and not isinstance(value, str)
            style = styles.for_unit(unit, value) if numeric else styles.text
            write_value(sheet, row_no, col, value, style)
    sheet.freeze_panes(3, 0)
    book.close()
    return buffer.getvalue()
