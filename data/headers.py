"""Header matching and sheet-kind detection (SPEC 2).

A sheet's header row is the first row, within the first 20, holding at least two known column
names of its kind. The kind comes from ``--kind``, else from the sheet name, else from the
columns; a sheet with at least two survey catalogue items is a survey whatever else it holds.
Sheets whose kind cannot be told apart are skipped with a reason, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from data.kinds import KINDS, SURVEY, Kind
from data.survey_catalogue import CATALOGUE

HEADER_SCAN_ROWS = 20
MIN_HEADER_MATCHES = 2

_UNIT_SUFFIX = re.compile(r"\s*\([^()]*\)$")
_TRAILING_MARKS = re.compile(r"[\s:*]+$")


def normalise_header(text: object) -> str:
    """Casefold, trim, collapse whitespace, drop trailing ``:``/``*`` and a ``(unit)``."""
    if text is None:
        return ""
    norm = " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())
    previous = None
    while previous != norm:
        previous = norm
        norm = _TRAILING_MARKS.sub("", _UNIT_SUFFIX.sub("", norm))
    return norm


@cache
def alias_map(kind_name: str) -> dict[str, str]:
    """Normalised header -> canonical column name for one kind."""
    out: dict[str, str] = {}
    for column in KINDS[kind_name].columns:
        for name in column.names():
            out.setdefault(normalise_header(name), column.name)
            out.setdefault(normalise_header(name.replace("_", " ")), column.name)
    return out


@lru_cache(maxsize=1)
def _item_texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for item in CATALOGUE:
        for text in (item.text_fi, item.text_en):
            out[normalise_header(text)] = item.code
            out[normalise_header(text).rstrip(".?!")] = item.code
        out[item.code.casefold()] = item.code
    return out


def survey_item_code(header: str) -> str | None:
    """The catalogue code a normalised header names, or None (SPEC 2, survey)."""
    if not header:
        return None
    exact = _item_texts().get(header) or _item_texts().get(header.rstrip(".?!"))
    if exact:
        return exact
    for item in CATALOGUE:
        code = item.code.casefold()
        if header.startswith(code) and header[len(code)] in ".):" + " ":
            return item.code
    return None


def sheet_name_kind(sheet_name: str) -> str | None:
    """The kind a sheet name names (``Jäsenet``, ``Members`` ...), or None."""
    norm = normalise_header(sheet_name)
    for kind in KINDS.values():
        for name in kind.sheet_names:
            target = normalise_header(name)
            if norm == target or (
                norm.startswith(target + " ") and norm[len(target) + 1 :].isdigit()
            ):
                return kind.name
    return None


@dataclass
class SheetLayout:
    """How one sheet maps onto a kind: the header row and each used column."""

    kind: str
    header_index: int  # position of the header row in the table
    header_row: int  # its sheet row number (``__row``)
    columns: dict[str, str]  # canonical column (or item code) -> source column c<i>
    headers: dict[str, str]  # canonical column (or item code) -> header as written
    items: list[str] = field(default_factory=list)  # survey item codes, in sheet order
    unknown: list[str] = field(default_factory=list)  # headers of columns kept nowhere
    first_column: str = "c0"  # first source column with a header


def _match_row(cells: Sequence[str | None], kind: Kind) -> tuple[dict[str, int], dict[str, int]]:
    """(canonical column -> cell index, survey item code -> cell index) for one candidate row."""
    aliases = alias_map(kind.name)
    columns: dict[str, int] = {}
    items: dict[str, int] = {}
    for index, cell in enumerate(cells):
        header = normalise_header(cell)
        if not header:
            continue
        if kind is SURVEY:
            code = survey_item_code(header)
            if code is not None:
                items.setdefault(code, index)
                continue
        name = aliases.get(header)
        if name is not None:
            columns.setdefault(name, index)
    return columns, items


def _count(kind: Kind, columns: dict[str, int], items: dict[str, int]) -> int:
    return len(items) if kind is SURVEY else len(columns)


def find_header(rows: Sequence[Sequence[str | None]], kind_name: str) -> int | None:
    """Index of the header row for ``kind_name`` among the first rows, or None."""
    kind = KINDS[kind_name]
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns, items = _match_row(cells, kind)
        if _count(kind, columns, items) >= MIN_HEADER_MATCHES:
            return index
    return None


def layout(
    rows: Sequence[Sequence[str | None]], row_numbers: Sequence[int], kind_name: str
) -> SheetLayout | None:
    """The layout of a sheet of a known kind, or None when no header row is found."""
    index = find_header(rows, kind_name)
    if index is None:
        return None
    kind = KINDS[kind_name]
    cells = rows[index]
    columns, items = _match_row(cells, kind)
    used = set(columns.values()) | set(items.values())
    unknown = [
        str(cell).strip()
        for i, cell in enumerate(cells)
        if normalise_header(cell) and i not in used
    ]
    mapping = {name: f"c{i}" for name, i in {**columns, **items}.items()}
    written = {name: str(cells[i]).strip() for name, i in {**columns, **items}.items()}
    first = next(i for i, cell in enumerate(cells) if normalise_header(cell))
    return SheetLayout(
        kind=kind_name,
        header_index=index,
        header_row=int(row_numbers[index]),
        columns=mapping,
        headers=written,
        items=sorted(items, key=items.get),
        unknown=unknown,
        first_column=f"c{first}",
    )


@dataclass(frozen=True)
class Detection:
    """The outcome of kind detection: a layout, or the reason the sheet is skipped."""

    layout: SheetLayout | None
    reason: str | None = None  # message code when skipped
    fields: dict[str, str] = field(default_factory=dict)


def detect(
    sheet_name: str,
    rows: Sequence[Sequence[str | None]],
    row_numbers: Sequence[int],
    kind: str | None = None,
) -> Detection:
    """Decide the kind and layout of one sheet (SPEC 2)."""
    if kind is not None:
        return _with_kind(rows, row_numbers, kind)
    survey = layout(rows, row_numbers, SURVEY.name)
    if survey is not None:
        return Detection(survey)
    named = sheet_name_kind(sheet_name)
    if named is not None:
        return _with_kind(rows, row_numbers, named)
    return _by_columns(rows, row_numbers)


def _with_kind(
    rows: Sequence[Sequence[str | None]], row_numbers: Sequence[int], kind: str
) -> Detection:
    found = layout(rows, row_numbers, kind)
    if found is None:
        return Detection(None, "no_header", {"kind": kind})
    return Detection(found)


def _by_columns(rows: Sequence[Sequence[str | None]], row_numbers: Sequence[int]) -> Detection:
    """The kind whose required columns are all present and which matches most columns."""
    scored: list[tuple[int, SheetLayout]] = []
    for kind in KINDS.values():
        if kind is SURVEY:
            continue
        found = layout(rows, row_numbers, kind.name)
        if found is not None and all(name in found.columns for name in kind.required):
            scored.append((len(found.columns), found))
    if not scored:
        return Detection(None, "unknown_kind")
    best = max(score for score, _ in scored)
    winners = [found for score, found in scored if score == best]
    if len(winners) > 1:
        return Detection(
            None, "ambiguous_kind", {"kinds": ", ".join(found.kind for found in winners)}
        )
    return Detection(winners[0])
