"""Cell formats of the exported workbooks, in Finnish or English conventions.

Number format codes in a workbook always use ``,`` for thousands and ``.`` for decimals;
Excel and LibreOffice show them with the reader's separators (``1 234,50 €`` on a Finnish
machine). The language decides the date order and where the euro sign and ``%`` go.
"""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.format import Format

EUR = "eur"
PERCENT_UNITS = ("share", "ratio")

_NUMBER_FORMATS: dict[str, dict[str, str]] = {
    "fi": {
        "int": "#,##0",
        "number": "#,##0.00",
        "money": '#,##0.00 "€"',
        "share": "0.0 %",
        "date": "d.m.yyyy",
        "datetime": "d.m.yyyy h:mm",
    },
    "en": {
        "int": "#,##0",
        "number": "#,##0.00",
        "money": '"€"#,##0.00',
        "share": "0.0%",
        "date": "yyyy-mm-dd",
        "datetime": "yyyy-mm-dd hh:mm",
    },
}


class Styles:
    """The formats one workbook uses, created once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook, lang: str) -> None:
        codes = _NUMBER_FORMATS["en" if lang == "en" else "fi"]
        base = {"valign": "top"}
        self.lang = lang
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.text = book.add_format(base)
        self.wrap = book.add_format({**base, "text_wrap": True})
        self.suppressed = book.add_format(
            {**base, "bg_color": "#EEEEEE", "italic": True, "font_color": "#555555"}
        )
        self.by_name: dict[str, Format] = {"text": self.text, "wrap": self.wrap}
        for name, code in codes.items():
            self.by_name[name] = book.add_format({**base, "num_format": code})

    def get(self, name: str) -> Format:
        return self.by_name[name]

    def for_unit(self, unit: str | None, value: object) -> Format:
        """Money, percentage, whole number or two decimals, by the indicator's unit."""
        if unit == EUR:
            return self.by_name["money"]
        if unit in PERCENT_UNITS:
            return self.by_name["share"]
        if isinstance(value, float) and not value.is_integer():
            return self.by_name["number"]
        return self.by_name["int"]
