"""Any table the app shows, as a one-sheet workbook: the one table download of the app.

Both the "show data" table under a chart and every plain table (import history, open answers,
audit log) are written here. Text goes through ``safe.write_value`` (never a formula, SPEC 6)
and stays as people saw it; numbers stay numbers in their unit's cell format (``1 234,50 €``,
``23,4 %``), dates stay dates, so the reader can sort, filter and recompute.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from xlsxwriter.format import Format

from charts.table import TEXT, Table
from export.safe import write_value
from export.styles import Styles

SHEET_NAME_MAX = 31
_INVALID = "[]:*?/\\"


def table_workbook(table: Table, lang: str) -> bytes:
    """``table`` as .xlsx bytes: its title in the first row when it has one, then the header
    (frozen and filterable) and the rows."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = Styles(book, lang)
    name = "".join(" " if ch in _INVALID else ch for ch in table.title).strip("' ")
    sheet = book.add_worksheet(name[:SHEET_NAME_MAX] or "data")
    head = 0
    if table.title:
        write_value(sheet, 0, 0, table.title, styles.title)
        head = 2
    for col, header in enumerate(table.headers):
        write_value(sheet, head, col, header, styles.header)
        sheet.set_column(col, col, max(12, min(40, len(header) + 4)))
    for row_no, row in enumerate(table.rows, start=head + 1):
        for col, (value, unit) in enumerate(zip(row, table.units, strict=True)):
            write_value(sheet, row_no, col, value, _style(styles, unit, value))
    sheet.freeze_panes(head + 1, 0)
    if table.headers:
        sheet.autofilter(head, 0, head + max(len(table.rows), 1), len(table.headers) - 1)
    book.close()
    return buffer.getvalue()


def _style(styles: Styles, unit: str | None, value: object) -> Format:
    """Dates in the language's date format; numbers in their unit's format, or as written
    (a year, an id) in a column without a unit; text as text."""
    if isinstance(value, dt.datetime):
        return styles.get("datetime")
    if isinstance(value, dt.date):
        return styles.get("date")
    if unit is TEXT or isinstance(value, (str, bool)) or value is None:
        return styles.text
    return styles.for_unit(unit, value)
