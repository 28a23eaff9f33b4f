"""Upload templates filled with a few rows, as the tests upload them."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl

from data.templates import template_bytes

# Three funding rows: 2024 paid by the city and the members, 2025 committed by the city.
FUNDING_ROWS = (
    (2024, "kaupunki", 20000, "Loimaan kaupunki", "maksettu", None),
    (2024, "jäsenmaksu", 12000, "Jäsenyritykset", "maksettu", None),
    (2025, "kaupunki", 15000, "Loimaan kaupunki", "sitoumus", None),
)


def filled_template(kind: str, rows: Sequence[Sequence[object]]) -> bytes:
    """The template of ``kind`` with ``rows`` written over its example row (row 2 on)."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(kind)))
    sheet = book.worksheets[0]
    for row_no, row in enumerate(rows, start=2):
        for col_no, value in enumerate(row, start=1):
            sheet.cell(row=row_no, column=col_no, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
