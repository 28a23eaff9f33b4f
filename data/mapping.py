"""The mapping step for a sheet the importer could not read (SPEC 2.1, unknown layouts).

The manager sees the sheet's first rows, picks its header row and kind and maps each column
to a field; ``suggest`` pre-fills what the built-in names already tell, and ``preview`` types
the whole sheet with that mapping exactly as an import would (``data.normalise``) and returns
the first typed rows and every row error, writing nothing to the database. Saving is
``data.profiles.save``; the file is then imported with the saved profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from data import sqlfunc
from data.enums import enum_name
from data.fields import is_item
from data.headers import HEADER_SCAN_ROWS, alias_map, head_rows, normalise_header, survey_item_code
from data.kinds import BOOL, DATE, ENUM, INT, KINDS, LIST, NUMBER, SURVEY
from data.normalise import collect, stage
from data.profiles import Profile, check_mapping, header_key
from data.profiles import layout as profile_layout
from data.reading import RawSheet
from data.report import Issue
from i18n import format as fmt
from i18n import t

PREVIEW_ROWS = 10  # typed rows shown


@dataclass(frozen=True)
class Preview:
    """A sheet typed with a mapping: counts, the first rows as display text, row errors."""

    fields: tuple[str, ...]  # mapped fields, in sheet order
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (sheet row, display text per field)
    rows_read: int
    rows_rejected: int
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    issues_omitted: int = 0


def first_rows(sheet: RawSheet) -> tuple[list[list[str | None]], list[int]]:
    """The rows the manager sees and picks the header row from (as header detection sees)."""
    return head_rows(sheet.table, HEADER_SCAN_ROWS)


def guess_header(rows: Sequence[Sequence[str | None]]) -> int:
    """The row to offer as the header row: the first with the most filled cells (a title or
    meeting block above the table fills fewer)."""
    filled = [sum(1 for cell in cells if normalise_header(cell)) for cells in rows]
    return filled.index(max(filled)) if filled else 0


def suggest(kind: str, cells: Sequence[str | None]) -> list[str | None]:
    """Per header cell, the field its text names by the kind's built-in names (each field
    once, first cell wins), else None."""
    aliases = alias_map(kind)
    taken: set[str] = set()
    out: list[str | None] = []
    for cell in header_key(cells):
        name = None
        if cell:
            name = (survey_item_code(cell) if kind == SURVEY.name else None) or aliases.get(cell)
        out.append(name if name not in taken else None)
        if name:
            taken.add(name)
    return out


def profile_for(
    name: str, kind: str, cells: Sequence[str | None], fields: Sequence[str | None]
) -> Profile:
    """An unsaved profile from a header row and the field chosen per cell."""
    key = header_key(cells)
    return Profile(
        name=name,
        kind=kind,
        headers=key,
        fields=tuple(fields[: len(key)]) + (None,) * (len(key) - len(fields)),
        written=tuple("" if c is None else str(c) for c in cells[: len(key)]),
    )


def _display(kind: str, name: str, typed: object, lang: str) -> str:
    """One typed value as the manager reads it in the preview."""
    if typed is None:
        return ""
    column = None if is_item(kind, name) else KINDS[kind].column(name)
    column_type = None if column is None else column.type
    if column_type == DATE or isinstance(typed, dt.date):
        return fmt.date(typed, lang)
    if column_type in (NUMBER, INT) or isinstance(typed, float):
        return fmt.number(typed, lang, 0 if float(typed).is_integer() else 2)
    if column_type == BOOL:
        return t("data.mapping.yes" if typed else "data.mapping.no", lang)
    if column_type == ENUM and column is not None and column.enum:
        return enum_name(column.enum, str(typed), lang)  # as read, not as written
    if column_type == LIST:
        return "; ".join(str(v) for v in typed)
    return str(typed)


def preview(
    con: duckdb.DuckDBPyConnection,
    sheet: RawSheet,
    profile: Profile,
    header_index: int,
    *,
    file_name: str,
    overrides: dict[str, object] | None = None,
    lang: str = "fi",
) -> Preview:
    """Type ``sheet`` with ``profile`` (its header row at ``header_index``), as an import
    would; writes nothing but temp tables on a cursor of its own. ProfileError when the
    mapping cannot be used (``data.profiles.check_mapping``)."""
    check_mapping(profile)
    rows, numbers = first_rows(sheet)
    layout = profile_layout(profile, rows, numbers, header_index)
    cur = con.cursor()
    try:
        sqlfunc.install(cur)
        staged = stage(
            cur,
            sheet.table,
            layout,
            sheet=sheet.name,
            name="km_mapping_preview",
            overrides=overrides if profile.kind == "participants" else None,
        )
        collect(cur, staged, file_name)
        fields = [f for _, f in profile.mapped()]
        typed = [f'"item_{f}"' if is_item(profile.kind, f) else f'"{f}"' for f in fields]
        found = cur.execute(
            f"SELECT __row, {', '.join(typed)} FROM km_mapping_preview "
            f"ORDER BY __row LIMIT {PREVIEW_ROWS}"
        ).fetchall()
        cur.execute("DROP TABLE IF EXISTS km_mapping_preview")
        cur.execute("DROP TABLE IF EXISTS km_mapping_preview_issues")
    finally:
        cur.close()
    shown = tuple(
        (
            int(row[0]),
            tuple(_display(profile.kind, f, row[1 + i], lang) for i, f in enumerate(fields)),
        )
        for row in found
    )
    return Preview(
        tuple(fields),
        shown,
        staged.rows_read,
        staged.rows_rejected,
        tuple(staged.issues),
        staged.issues_omitted,
    )
