"""Header matching and sheet-kind detection (SPEC 2).

A sheet's header row is the first row, within the first 20, holding at least two known column
names of its kind. The kind comes from ``--kind``, else from the sheet name, else from the
columns; a sheet with at least two survey catalogue items is a survey whatever else it holds.
Sheets whose kind cannot be told apart are skipped with a reason, never guessed.

Real exports (SPEC 2.1) add three things: headers a kind's tools write but the product stores
nowhere count towards recognising the kind (``Kind.ignored``); label-value lines above the
header fill columns the sheet lacks (``Kind.context``: a Teams summary's meeting title and
start); and a sheet of no kind names the kinds it came closest to and what they miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from data.kinds import KINDS, SURVEY, Kind
from data.report import Candidate
from data.survey_catalogue import CATALOGUE

if TYPE_CHECKING:
    import pyarrow as pa

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


def head_rows(
    table: pa.Table, count: int = HEADER_SCAN_ROWS
) -> tuple[list[list[str | None]], list[int]]:
    """The first ``count`` rows of a raw sheet (``data.reading.RawSheet.table``) as cell
    lists, with their sheet row numbers: what header detection looks at."""
    head = table.slice(0, count)
    columns = [name for name in head.column_names if name != "__row"]
    data = head.to_pydict()
    rows = [[data[c][i] for c in columns] for i in range(head.num_rows)]
    return rows, [int(r) for r in data["__row"]]


@cache
def alias_map(kind_name: str) -> dict[str, str]:
    """Normalised header -> canonical column name for one kind."""
    out: dict[str, str] = {}
    for column in KINDS[kind_name].columns:
        for name in column.names():
            out.setdefault(normalise_header(name), column.name)
            out.setdefault(normalise_header(name.replace("_", " ")), column.name)
    return out


@cache
def ignored_headers(kind_name: str) -> frozenset[str]:
    """Normalised headers the kind's tools write that are stored nowhere (``Kind.ignored``)."""
    aliases = alias_map(kind_name)
    return frozenset(
        norm
        for norm in map(normalise_header, KINDS[kind_name].ignored)
        if norm and norm not in aliases
    )


@lru_cache(maxsize=1)
def _item_texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for item in CATALOGUE:
        for text in (item.text_fi, item.text_en):
            out[normalise_header(text)] = item.code
            out[normalise_header(text).rstrip(".?!")] = item.code
        out[item.code.casefold()] = item.code
    return out


# What may stand before an item's text: a question number (``1.``, ``12)``, ``3.2``) or a
# matrix question's introduction ending in a dash or colon (``Arvioi väittämiä - ``).
_ITEM_PREFIX = re.compile(r"^(\d+(\.\d+)*[.)]?|.*\s[-–:]|.*:)$")


def survey_item_code(header: str) -> str | None:
    """The catalogue code a normalised header names, or None (SPEC 2 survey, 2.1).

    A header names an item when it begins with the item's code (``A6. …``), or is the item's
    Finnish or English text, or ends with that text after a question number or a matrix
    introduction (Webropol: ``1. …``, ``<intro> - <statement>``).
    """
    if not header:
        return None
    bare = header.rstrip(".?!")
    exact = _item_texts().get(header) or _item_texts().get(bare)
    if exact:
        return exact
    for item in CATALOGUE:
        code = item.code.casefold()
        if header.startswith(code) and header[len(code)] in ".):" + " ":
            return item.code
    for text, code in _item_texts().items():
        if len(text) > 3 and bare.endswith(text) and bare != text:
            prefix = bare[: -len(text)].rstrip()
            if _ITEM_PREFIX.match(prefix):
                return code
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
    headers: dict[str, str]  # canonical column (or item code) -> header (or label) as written
    items: list[str] = field(default_factory=list)  # survey item codes, in sheet order
    unknown: list[str] = field(default_factory=list)  # headers of columns kept nowhere
    first_column: str = "c0"  # first source column with a header
    ignored: int = 0  # headers the kind's tools write that are stored nowhere
    # canonical column -> the value a line above the header gives it (``Meeting title``),
    # for columns the sheet does not have
    context: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Match:
    """One candidate header row read as a kind."""

    columns: dict[str, int]  # canonical column -> cell index
    items: dict[str, int]  # survey item code -> cell index
    ignored: set[int]  # cells holding headers of the kind stored nowhere

    def count(self, kind: Kind) -> int:
        """Known headers, the threshold for a header row (ignored ones do not count)."""
        return len(self.items) if kind is SURVEY else len(self.columns)


def _match_row(cells: Sequence[str | None], kind: Kind) -> _Match:
    aliases, ignored_names = alias_map(kind.name), ignored_headers(kind.name)
    columns: dict[str, int] = {}
    items: dict[str, int] = {}
    ignored: set[int] = set()
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
        elif header in ignored_names:
            ignored.add(index)
    return _Match(columns, items, ignored)


def find_header(rows: Sequence[Sequence[str | None]], kind_name: str) -> int | None:
    """Index of the header row for ``kind_name`` among the first rows, or None."""
    kind = KINDS[kind_name]
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        if _match_row(cells, kind).count(kind) >= MIN_HEADER_MATCHES:
            return index
    return None


def _text(cell: object) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def _context(above: Sequence[Sequence[str | None]], kind: Kind) -> dict[str, tuple[str, str]]:
    """canonical column -> (label, value) from the lines above the header (SPEC 2.1): a line
    of exactly a label and a value (Teams' summary), or a row of labels over a row of values
    (Zoom's meeting block)."""
    labels = {
        normalise_header(label): column for column, names in kind.context.items() for label in names
    }
    found: dict[str, tuple[str, str]] = {}
    for index, cells in enumerate(above):
        filled = [(i, _text(cell)) for i, cell in enumerate(cells) if _text(cell)]
        if len(filled) == 2 and normalise_header(filled[0][1]) in labels:
            found.setdefault(labels[normalise_header(filled[0][1])], (filled[0][1], filled[1][1]))
        elif len(filled) >= 3 and index + 1 < len(above):
            values = above[index + 1]
            for i, label in filled:
                column = labels.get(normalise_header(label))
                if column is not None and i < len(values) and _text(values[i]):
                    found.setdefault(column, (label, _text(values[i])))
    return found


def layout(
    rows: Sequence[Sequence[str | None]], row_numbers: Sequence[int], kind_name: str
) -> SheetLayout | None:
    """The layout of a sheet of a known kind, or None when no header row is found."""
    index = find_header(rows, kind_name)
    if index is None:
        return None
    kind = KINDS[kind_name]
    cells = rows[index]
    match = _match_row(cells, kind)
    columns, items = match.columns, match.items
    used = set(columns.values()) | set(items.values()) | match.ignored
    unknown = [
        str(cell).strip()
        for i, cell in enumerate(cells)
        if normalise_header(cell) and i not in used
    ]
    mapping = {name: f"c{i}" for name, i in {**columns, **items}.items()}
    written = {name: str(cells[i]).strip() for name, i in {**columns, **items}.items()}
    context = {
        column: found
        for column, found in _context(rows[:index], kind).items()
        if column not in mapping
    }
    written.update({column: label for column, (label, _) in context.items()})
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
        ignored=len(match.ignored),
        context={column: value for column, (_, value) in context.items()},
    )


def _complete(found: SheetLayout) -> bool:
    """The layout has the kind's required columns and one of its ``one_of`` columns."""
    kind = KINDS[found.kind]
    present = found.columns.keys() | found.context.keys()
    return all(name in present for name in kind.required) and (
        not kind.one_of or any(name in present for name in kind.one_of)
    )


@dataclass(frozen=True)
class Detection:
    """The outcome of kind detection: a layout, or the reason the sheet is skipped (with the
    kinds it came closest to)."""

    layout: SheetLayout | None
    reason: str | None = None  # message code when skipped
    fields: dict[str, str] = field(default_factory=dict)
    closest: tuple[Candidate, ...] = ()


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
        return Detection(None, "no_header", {"kind": kind}, _closest(rows, (kind,)))
    return Detection(found)


def _by_columns(rows: Sequence[Sequence[str | None]], row_numbers: Sequence[int]) -> Detection:
    """The complete kind matching most headers (its own and those it knows to ignore)."""
    scored: list[tuple[int, SheetLayout]] = []
    for kind in KINDS.values():
        if kind is SURVEY:
            continue
        found = layout(rows, row_numbers, kind.name)
        if found is not None and _complete(found):
            scored.append((len(found.columns) + found.ignored, found))
    if not scored:
        return Detection(None, "unknown_kind", {}, _closest(rows, tuple(KINDS)))
    best = max(score for score, _ in scored)
    winners = [found for score, found in scored if score == best]
    if len(winners) > 1:
        return Detection(
            None, "ambiguous_kind", {"kinds": ", ".join(found.kind for found in winners)}
        )
    return Detection(winners[0])


CLOSEST_SHOWN = 2


def _closest(rows: Sequence[Sequence[str | None]], kinds: tuple[str, ...]) -> tuple[Candidate, ...]:
    """The kinds whose headers the sheet's best row matches most, with what each lacks
    (SPEC 2.1 unknown layouts: the report says so and the manager can map the columns)."""
    ranked: list[tuple[int, Candidate]] = []
    for name in kinds:
        kind = KINDS[name]
        best: _Match | None = None
        best_cells: Sequence[str | None] = ()
        for cells in rows[:HEADER_SCAN_ROWS]:
            match = _match_row(cells, kind)
            if best is None or match.count(kind) > best.count(kind):
                best, best_cells = match, cells
        if best is None or best.count(kind) == 0:
            continue
        found = tuple(
            str(best_cells[i]).strip()
            for i in sorted({*best.columns.values(), *best.items.values()})
        )
        if kind is SURVEY:
            missing, any_of = (), False
        else:
            names = tuple(c for c in kind.required if c not in best.columns)
            any_of = not names and not any(c in best.columns for c in kind.one_of)
            names = names or (kind.one_of if any_of else ())
            missing = tuple((c, kind.column(c).header_fi) for c in names)
        ranked.append((best.count(kind), Candidate(name, found, missing, any_of)))
    ranked.sort(key=lambda pair: -pair[0])
    return tuple(candidate for _, candidate in ranked[:CLOSEST_SHOWN])
