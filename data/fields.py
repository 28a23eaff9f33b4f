"""The fields a sheet's columns can fill, and how people see them named.

A field is a column of an import kind (``data.kinds``) or, for a survey, a catalogue item.
People never see the column codes: a column is shown by its label in the catalogue
(``data.field.<kind>.<column>``), an item by its code and question text.
"""

from __future__ import annotations

from data.kinds import KINDS, SURVEY
from data.survey_catalogue import BY_CODE, CATALOGUE
from i18n import t


def fields(kind: str) -> tuple[str, ...]:
    """Every field a column of a ``kind`` sheet may be mapped to, in the kind's order."""
    columns = tuple(column.name for column in KINDS[kind].columns)
    if kind == SURVEY.name:
        return columns + tuple(item.code for item in CATALOGUE)
    return columns


def is_item(kind: str, name: str) -> bool:
    """True when ``name`` is a survey catalogue item (not a column) of ``kind``."""
    return kind == SURVEY.name and name in BY_CODE


def field_label(kind: str, name: str, lang: str = "fi") -> str:
    """The field as people see it: ``Henkilöstö`` / ``Employees``, ``A6 · Klusterin …``."""
    if is_item(kind, name):
        item = BY_CODE[name]
        return f"{item.code} · {item.text_en if lang == 'en' else item.text_fi}"
    return t(f"data.field.{kind}.{name}", lang)
