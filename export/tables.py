"""One formatted table per worksheet: header row, typed cells, frozen header, autofilter.

Every sheet of the exported workbooks is such a table, so they all look and behave alike
(sortable, filterable, readable column widths) and every cell goes through ``safe.write_value``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from export.safe import write_value
from export.styles import Styles
from i18n import t

Row = dict[str, Any]
# Picks a cell format from the whole row (e.g. by the indicator's unit); None = column style.
FormatPicker = Callable[[Row, Styles], Format | None]

SUPPRESSED_MARKER = "n < 5"
MAX_WIDTH = 60


@dataclass(frozen=True)
class Column:
    """A table column: the row key, its header message key, style name and width."""

    key: str
    header: str
    style: str = "text"
    width: float = 14
    pick: FormatPicker | None = None


def sheet_name(key: str, lang: str) -> str:
    """A worksheet name from the catalogue, within Excel's 31 characters."""
    return t(key, lang)[:31]


def write_table(
    book: xlsxwriter.Workbook,
    styles: Styles,
    name: str,
    columns: Sequence[Column],
    rows: Iterable[Row],
    *,
    suppressed: Callable[[Row, str], bool] | None = None,
    first_row: int = 0,
) -> Worksheet:
    """Write ``rows`` under a header row; ``suppressed(row, key)`` blanks a cell with a marker."""
    sheet = book.add_worksheet(name)
    lang = styles.lang
    for col, column in enumerate(columns):
        sheet.write_string(first_row, col, t(column.header, lang), styles.header)
        sheet.set_column(
            col, col, min(column.width, MAX_WIDTH), styles.wrap if column.style == "wrap" else None
        )
    plan = [(col, c.key, c.pick, styles.get(c.style)) for col, c in enumerate(columns)]
    last = first_row
    for last, row in enumerate(rows, start=first_row + 1):
        for col, key, pick, style in plan:
            if suppressed is not None and suppressed(row, key):
                mark_suppressed(sheet, styles, last, col)
                continue
            write_value(sheet, last, col, row.get(key), (pick and pick(row, styles)) or style)
    sheet.freeze_panes(first_row + 1, 0)
    sheet.autofilter(first_row, 0, last, len(columns) - 1)
    return sheet


def mark_suppressed(sheet: Worksheet, styles: Styles, row: int, col: int) -> None:
    """An empty, shaded cell whose comment says why it is empty (SPEC 6: n < 5)."""
    sheet.write_blank(row, col, None, styles.suppressed)
    sheet.write_comment(
        row, col, t("export.suppressed_comment", styles.lang, marker=SUPPRESSED_MARKER)
    )
