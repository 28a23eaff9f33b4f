"""Blank upload templates (SPEC 4 ``template KIND``): Finnish headers, an example row,
drop-down lists for enumerations, date and number formats, and a bilingual instructions sheet.

Everything comes from ``data.kinds`` and ``data.survey_catalogue``, so a template always
matches what the importer accepts; required columns carry a trailing ``*`` and columns of which
one is needed a trailing ``(*)``, both of which header matching ignores.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from data.kinds import BOOL, DATE, ENUM, ENUM_LABEL_FI, ENUMS, INT, KINDS, NUMBER, SURVEY
from data.survey_catalogue import CATALOGUE, LIKERT_TEXT
from i18n import t

DATA_ROWS = 2000  # rows that get formats and drop-down lists
LISTS_SHEET = "Listat"
INSTRUCTIONS_SHEET = "Ohjeet"
YES_NO_FI = ("kyllä", "ei")
# The instructions' "required" column: required, one of the columns marked (*), optional.
REQUIRED_TEXT = {"yes": "kyllä / yes", "one_of": "yksi näistä / one of these", "": "ei / no"}
YES_NO_TITLE = "Kyllä / ei"
LIST_TITLES = {"likert5": "Vastausvaihtoehdot", "yesno": YES_NO_TITLE}  # survey answer lists
LIKERT_FI = tuple(
    k
    for k, v in sorted(LIKERT_TEXT.items(), key=lambda kv: kv[1])
    if k.startswith(("täysin", "jokseenkin", "ei samaa"))
)
# Example answers for the survey template's example row, by scale.
SURVEY_EXAMPLE = {
    "likert5": "jokseenkin samaa mieltä",
    "yesno": "kyllä",
    "text": "Lisää yritysvierailuja.",
}


def _example(col_type: str, value: object) -> object:
    """The example value as a spreadsheet cell value (dates and numbers as such)."""
    if value is None:
        return None
    if col_type == DATE and isinstance(value, str):
        return dt.datetime.strptime(value, "%d.%m.%Y")
    if col_type in (NUMBER, INT) and isinstance(value, str):
        return float(value.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return value


class _Book:
    """One template workbook being written."""

    def __init__(self, target: io.BytesIO | str) -> None:
        self.book = xlsxwriter.Workbook(target, {"in_memory": True})
        self.head = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.formats = {
            DATE: self.book.add_format({"num_format": "d.m.yyyy"}),
            NUMBER: self.book.add_format({"num_format": "#,##0.00"}),
            INT: self.book.add_format({"num_format": "0"}),
        }
        self.lists: Worksheet | None = None
        self.list_ranges: dict[str, str] = {}

    def list_range(self, name: str, title: str, values: tuple[str, ...]) -> str:
        """A range on the hidden lists sheet holding ``values`` (drop-down source) under the
        heading ``title``; lists are shared by ``name``."""
        if name not in self.list_ranges:
            if self.lists is None:
                self.lists = self.book.add_worksheet(LISTS_SHEET)
                self.lists.hide()
            col = len(self.list_ranges)
            self.lists.write(0, col, title)
            for row, value in enumerate(values, start=1):
                self.lists.write(row, col, value)
            letter = xlsxwriter.utility.xl_col_to_name(col)
            self.list_ranges[name] = f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        return self.list_ranges[name]

    def dropdown(self, sheet: Worksheet, col: int, column: dict) -> None:
        sheet.data_validation(
            1,
            col,
            DATA_ROWS,
            col,
            {
                "validate": "list",
                "source": self.list_range(column["list"], column["list_title"], column["values"]),
                "error_type": "warning",
                "error_title": "Tuntematon arvo / Unknown value",
                "error_message": "Valitse listasta / Choose from the list",
            },
        )


def _columns(kind_name: str) -> list[dict]:
    """Column descriptions: header, type, enum values, example, instruction texts."""
    kind = KINDS[kind_name]
    out = []
    for column in kind.columns:
        values = None
        if column.type == ENUM:
            values = tuple(ENUM_LABEL_FI[column.enum].values())
        elif column.type == BOOL:
            values = YES_NO_FI
        one_of = column.name in kind.one_of
        out.append(
            {
                "header": column.header_fi
                + (" *" if column.required else " (*)" if one_of else ""),
                "type": column.type,
                "list": (column.enum or column.type) if values else None,
                "list_title": YES_NO_TITLE if column.type == BOOL else column.header_fi,
                "values": values,
                "example": _example(column.type, column.example),
                "required": "yes" if column.required else "one_of" if one_of else "",
                "enum": column.enum,
                "default": column.default,
            }
        )
    if kind is SURVEY:
        for item in CATALOGUE:
            values = {"likert5": LIKERT_FI + ("en osaa sanoa",), "yesno": YES_NO_FI}.get(item.scale)
            out.append(
                {
                    "header": f"{item.code}. {item.text_fi}",
                    "type": f"survey_{item.scale}",
                    "list": f"survey_{item.scale}" if values else None,
                    "list_title": LIST_TITLES.get(item.scale),
                    "values": values,
                    "example": SURVEY_EXAMPLE[item.scale],
                    "required": "",
                    "enum": None,
                    "default": None,
                    "text_en": item.text_en,
                }
            )
    return out


def _accepted(column: dict) -> str:
    if column["enum"]:
        return ", ".join(f"{names[0]} ({code})" for code, names in ENUMS[column["enum"]].items())
    if column["values"]:
        return ", ".join(column["values"])
    return ""


def _instructions(book: _Book, kind_name: str, sheet_name: str, columns: list[dict]) -> None:
    sheet = book.book.add_worksheet(INSTRUCTIONS_SHEET)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 2, 18)
    sheet.set_column(3, 3, 60)
    sheet.set_column(4, 4, 16)
    kind_fi, kind_en = t(f"data.kind.{kind_name}", "fi"), t(f"data.kind.{kind_name}", "en")
    for row, key in enumerate(
        ("data.template.intro", "data.template.required", "data.template.example")
    ):
        sheet.write(row, 0, t(key, "fi", sheet=sheet_name, kind=kind_fi))
        sheet.write(row, 3, t(key, "en", sheet=sheet_name, kind=kind_en), book.wrap)
    top = 4
    for col, key in enumerate(("column", "required", "type", "accepted", "default")):
        sheet.write(
            top,
            col,
            f"{t(f'data.template.head.{key}', 'fi')} / {t(f'data.template.head.{key}', 'en')}",
            book.head,
        )
    for row, column in enumerate(columns, start=top + 1):
        type_key = f"data.template.type.{column['type']}"
        sheet.write(row, 0, column["header"], book.wrap)
        sheet.write(row, 1, REQUIRED_TEXT[column["required"]])
        sheet.write(row, 2, f"{t(type_key, 'fi')} / {t(type_key, 'en')}", book.wrap)
        sheet.write(row, 3, _accepted(column), book.wrap)
        default = column["default"]
        if isinstance(default, bool):
            default = "kyllä / yes" if default else "ei / no"
        elif column["enum"] and default is not None:
            default = f"{ENUM_LABEL_FI[column['enum']][default]} ({default})"
        sheet.write(row, 4, default if default is not None else "")
    sheet.freeze_panes(top + 1, 0)


def _write(target: io.BytesIO | str, kind_name: str) -> None:
    kind = KINDS[kind_name]
    book = _Book(target)
    columns = _columns(kind_name)
    sheet = book.book.add_worksheet(kind.template_sheet)
    for col, column in enumerate(columns):
        sheet.write(0, col, column["header"], book.head)
        cell_format = book.formats.get(column["type"])
        width = min(max(len(column["header"]) + 2, 14), 40)
        sheet.set_column(col, col, width, cell_format)
        example = column["example"]
        if isinstance(example, dt.datetime):
            sheet.write_datetime(1, col, example, cell_format)
        elif example is not None:
            sheet.write(1, col, example, cell_format)
        if column["values"]:
            book.dropdown(sheet, col, column)
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 45)
    _instructions(book, kind_name, kind.template_sheet, columns)
    sheet.activate()
    book.book.close()


def template_bytes(kind: str) -> bytes:
    """The template of ``kind`` as .xlsx bytes (the app's download buttons)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    buffer = io.BytesIO()
    _write(buffer, kind)
    return buffer.getvalue()


def template_file_name(kind: str, lang: str) -> str:
    """The download name of a template: ``pohja-jäsenet.xlsx``, ``template-members.xlsx``."""
    name = t(f"data.kind.{kind}", lang).replace(" ", "-")
    return f"{t('data.template.file_prefix', lang)}-{name}.xlsx"


def write_template(kind: str, out: Path) -> None:
    """Write the template of ``kind`` to ``out``."""
    Path(out).write_bytes(template_bytes(kind))
