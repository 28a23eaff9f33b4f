"""Source profiles: a manager's column mapping for one export layout (SPEC 2.1, unknown layouts).

When a sheet's kind or a required column is not found, the manager maps each column of its
header row to a field of a kind (or ignores it) once; the mapping is saved under a name and
keyed by the normalised header row. A later sheet whose header row, within the first rows,
normalises to the same cells is read with the profile, with no questions, in the app and the
command line alike. A profile can only name fields of its kind (``data.fields``): it is
checked when saved and again when read, so a stored row changed by hand cannot reach any
other column.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from data import audit
from data.fields import field_label, is_item
from data.fields import fields as kind_fields
from data.headers import HEADER_SCAN_ROWS, SheetLayout, normalise_header
from data.kinds import KINDS
from data.store import write_transaction
from i18n import t
from i18n.errors import LocalisedError

MAX_NAME = 60
MAX_HEADER = 200  # characters of a header cell kept for display


class ProfileError(LocalisedError):
    """A profile that cannot be saved or used; ``message(lang)`` says why."""

    prefix = "data.profile.error."

    def __init__(
        self, code: str, /, *, kind: str = "", named: Sequence[str] = (), **fields: object
    ):
        # ``named``: the fields the message names, labelled in the reader's language.
        super().__init__(code, kind=kind, named=tuple(named), field="", fields="", **fields)
        self.args = (f"{self.message('fi')} / {self.message('en')}",)

    def message(self, lang: str = "fi") -> str:
        kind, named = self.fields["kind"], self.fields["named"]
        labels = ", ".join(field_label(kind, name, lang) for name in named)
        return t(self.key, lang, **{**self.fields, "field": labels, "fields": labels})


@dataclass(frozen=True)
class Profile:
    """A named mapping of one header row onto the fields of one kind."""

    name: str
    kind: str
    headers: tuple[str, ...]  # the normalised header row, cell by cell
    fields: tuple[str | None, ...]  # per header cell: the field it fills; None = ignored
    written: tuple[str, ...] = ()  # the header cells as the first file wrote them
    created_by: str | None = None
    created_at: dt.datetime | None = None

    def mapped(self) -> list[tuple[int, str]]:
        """(cell index, field) of every mapped cell, in sheet order."""
        return [(i, f) for i, f in enumerate(self.fields) if f is not None]

    def header_text(self, index: int) -> str:
        """Cell ``index`` of the header row as written (or normalised, for old rows)."""
        if index < len(self.written) and self.written[index]:
            return self.written[index]
        return self.headers[index]


def header_key(cells: Sequence[object]) -> tuple[str, ...]:
    """A header row as profiles compare it: each cell normalised like a column name (SPEC 2),
    trailing empty cells dropped."""
    key = [normalise_header(cell) for cell in cells]
    while key and not key[-1]:
        key.pop()
    return tuple(key)


def clean_name(name: str) -> str:
    """A profile name as stored: NFC, trimmed; ProfileError when empty, too long or holding
    control or formatting characters (line breaks, bidirectional overrides)."""
    text = unicodedata.normalize("NFC", name or "").strip()
    if not text:
        raise ProfileError("name_missing")
    if len(text) > MAX_NAME:
        raise ProfileError("name_too_long", limit=MAX_NAME)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise ProfileError("name_control")
    return text


def _printable(text: str) -> str:
    """A header cell for display: control and formatting characters become spaces."""
    shown = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in str(text))
    return " ".join(shown.split())[:MAX_HEADER]


def check(profile: Profile) -> Profile:
    """The profile as stored (name cleaned, header texts printable), else ProfileError:
    a good name and a usable mapping (``check_mapping``)."""
    name = clean_name(profile.name)
    check_mapping(profile)
    return Profile(
        name,
        profile.kind,
        tuple(profile.headers),
        tuple(profile.fields),
        tuple(_printable(cell) for cell in profile.written),
        profile.created_by,
        profile.created_at,
    )


def check_mapping(profile: Profile) -> None:
    """ProfileError unless the mapping can be used: a known kind, only that kind's fields,
    each at most once, every required column and one of the kind's ``one_of`` columns
    mapped, a survey with an item."""
    if profile.kind not in KINDS:
        raise ProfileError("bad_kind")
    if not any(profile.headers) or len(profile.fields) != len(profile.headers):
        raise ProfileError("bad_headers")
    allowed = set(kind_fields(profile.kind))
    seen: set[str] = set()
    for _, field in profile.mapped():
        if field not in allowed:
            raise ProfileError("bad_field")
        if field in seen:
            raise ProfileError("field_twice", kind=profile.kind, named=(field,))
        seen.add(field)
    missing = [c for c in KINDS[profile.kind].required if c not in seen]
    if missing:
        raise ProfileError("required_missing", kind=profile.kind, named=tuple(missing))
    one_of = KINDS[profile.kind].one_of
    if one_of and not seen & set(one_of):
        raise ProfileError("one_of_missing", kind=profile.kind, named=tuple(one_of))
    if not seen:
        raise ProfileError("nothing_mapped")
    if profile.kind == "survey" and not any(is_item(profile.kind, f) for f in seen):
        raise ProfileError("no_item")


def save(
    con: duckdb.DuckDBPyConnection, cluster_id: str, profile: Profile, *, user: str | None = None
) -> Profile:
    """Store ``profile`` (checked) for ``cluster_id``; it replaces a profile of the same name
    (any case) or the same header row. Returns the profile as stored."""
    stored = check(profile)
    with write_transaction(con) as cur:
        cur.execute(
            "DELETE FROM source_profile WHERE cluster_id = ? "
            "AND (lower(name) = lower(?) OR headers = ?)",
            [cluster_id, stored.name, list(stored.headers)],
        )
        cur.execute(
            "INSERT INTO source_profile (cluster_id, name, kind, headers, fields, written,"
            " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, current_timestamp)",
            [
                cluster_id,
                stored.name,
                stored.kind,
                list(stored.headers),
                list(stored.fields),
                list(stored.written),
                user,
            ],
        )
        audit.record(
            cur,
            "profile_save",
            f"{stored.name} ({stored.kind})",
            user=user,
            cluster_id=cluster_id,
            fields={"name": stored.name, "kind": stored.kind},
        )
    return stored


def list_profiles(con: duckdb.DuckDBPyConnection, cluster_id: str) -> list[Profile]:
    """The cluster's usable profiles by name; a stored row that fails ``check`` is left out."""
    cur = con.cursor()
    try:
        found = cur.execute(
            "SELECT name, kind, headers, fields, coalesce(written, []), created_by, created_at "
            "FROM source_profile WHERE cluster_id = ? ORDER BY lower(name)",
            [cluster_id],
        ).fetchall()
    finally:
        cur.close()
    usable = []
    for name, kind, headers, fields, written, by, at in found:
        try:
            usable.append(
                check(Profile(name, kind, tuple(headers), tuple(fields), tuple(written), by, at))
            )
        except ProfileError:
            continue
    return usable


def get(con: duckdb.DuckDBPyConnection, cluster_id: str, name: str) -> Profile | None:
    """The profile called ``name`` (any case), or None."""
    wanted = unicodedata.normalize("NFC", name).strip().casefold()
    return next((p for p in list_profiles(con, cluster_id) if p.name.casefold() == wanted), None)


def remove(
    con: duckdb.DuckDBPyConnection, cluster_id: str, name: str, *, user: str | None = None
) -> bool:
    """Delete the profile called ``name`` (any case); False when there is none."""
    profile = get(con, cluster_id, name)
    if profile is None:
        return False
    with write_transaction(con) as cur:
        cur.execute(
            "DELETE FROM source_profile WHERE cluster_id = ? AND name = ?",
            [cluster_id, profile.name],
        )
        audit.record(
            cur,
            "profile_remove",
            profile.name,
            user=user,
            cluster_id=cluster_id,
            fields={"name": profile.name, "kind": profile.kind},
        )
    return True


def find(
    profiles: Sequence[Profile], rows: Sequence[Sequence[object]]
) -> tuple[Profile, int] | None:
    """The first of ``rows`` (the first ``HEADER_SCAN_ROWS``) that is the header row of one of
    ``profiles``, with that profile; None when none is."""
    by_key = {p.headers: p for p in profiles}
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        profile = by_key.get(header_key(cells))
        if profile is not None:
            return profile, index
    return None


def layout(
    profile: Profile,
    rows: Sequence[Sequence[object]],
    row_numbers: Sequence[int],
    index: int,
) -> SheetLayout:
    """The layout of a sheet whose header row ``index`` is ``profile``'s."""
    cells = rows[index]
    mapped = profile.mapped()
    written = {
        field: (str(cells[i]).strip() if cells[i] is not None else "") or profile.header_text(i)
        for i, field in mapped
    }
    first = next(i for i, cell in enumerate(cells) if normalise_header(cell))
    return SheetLayout(
        kind=profile.kind,
        header_index=index,
        header_row=int(row_numbers[index]),
        columns={field: f"c{i}" for i, field in mapped},
        headers=written,
        items=[field for _, field in mapped if is_item(profile.kind, field)],
        unknown=[],
        first_column=f"c{first}",
    )
