"""Writing cells so that no exported text can turn into a formula (SPEC 6).

Every exported value goes through ``write_value``: text is always stored as a string cell
(xlsxwriter's ``write`` would turn ``=SUM(A1)`` into a live formula), numbers as numbers,
dates as dates. Nothing an uploader typed can run when the board opens the workbook.
``table_xlsx`` is the download of any table the app shows (Streamlit's own CSV download is
switched off: its file would hand ``=HYPERLINK(…)`` from an open answer to a spreadsheet).
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import math
from collections.abc import Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

# First characters that spreadsheet programs read as the start of a formula (SPEC 6).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True when ``text`` would be taken for a formula if written as a plain value."""
    return text.startswith(FORMULA_STARTS)


def write_value(
    sheet: Worksheet, row: int, col: int, value: object, fmt: Format | None = None
) -> None:
    """Write one cell by the value's Python type; text is always a string cell."""
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, float) and not math.isfinite(value):
        sheet.write_blank(row, col, None, fmt)  # NaN: an empty cell
    elif isinstance(value, (int, float, decimal.Decimal)):
        sheet.write_number(row, col, float(value), fmt)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value, fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def table_xlsx(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, date_format: str = "d.m.yyyy"
) -> bytes:
    """One sheet: ``headers`` and ``rows`` as shown, every cell through ``write_value`` (text
    stays text, exactly as people saw it), the header frozen and filterable."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": date_format})
    moment = book.add_format({"num_format": f"{date_format} hh:mm"})
    for col, head in enumerate(headers):
        sheet.write_string(0, col, str(head), bold)
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            fmt = moment if isinstance(value, dt.datetime) else day
            write_value(sheet, row, col, value, fmt if isinstance(value, dt.date) else None)
    sheet.freeze_panes(1, 0)
    if headers:
        sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    book.close()
    return buffer.getvalue()
