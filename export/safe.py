"""Writing cells so that no exported text can turn into a formula (SPEC 6).

Every exported value goes through ``write_value``: text is always stored as a string cell
(xlsxwriter's ``write`` would turn ``=SUM(A1)`` into a live formula), numbers as numbers,
dates as dates. Nothing an uploader typed can run when the board opens the workbook.
Streamlit's own CSV download is switched off (its file would hand ``=HYPERLINK(…)`` from an
open answer to a spreadsheet); tables download through ``export.table_file``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math

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
    """Write one cell by the value's Python type; text is always a string cell. A missing value
    (None, NaN) writes nothing: an empty cell looks the same and keeps large exports lean."""
    kind = type(value)
    if kind is str:  # most cells: tested first
        sheet.write_string(row, col, value, fmt)
    elif value is None or (isinstance(value, float) and not math.isfinite(value)):
        return
    elif kind is bool:
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float, decimal.Decimal)):
        sheet.write_number(row, col, float(value), fmt)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value, fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)
