"""The shape of an import kind: what a sheet of the kind holds and where its rows go.

A ``Kind`` is the whole description of one kind of sheet (SPEC 2): its sheet names, columns
(with aliases and types), the rules over a whole row, the tables a load writes (each with its
natural key), the effective view indicators read, and the loader. Undo, the import
statistics and the tests read the same entry, so a new kind is one module in ``data.kinds``
plus its tables and view in ``data.schema``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data.load import LoadContext
    from data.normalise import Staged

# Column value types understood by the normaliser.
TEXT, INT, NUMBER, DATE, BOOL, BUSINESS_ID, ENUM, LIST = (
    "text",
    "int",
    "number",
    "date",
    "bool",
    "business_id",
    "enum",
    "list",
)
TYPES = (TEXT, INT, NUMBER, DATE, BOOL, BUSINESS_ID, ENUM, LIST)


@dataclass(frozen=True)
class Column:
    """One input column: canonical name, Finnish template header, aliases, type."""

    name: str
    header_fi: str
    type: str = TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False
    enum: str | None = None
    default: object = None  # applies only when the column is absent (SPEC 2)
    example: object = None  # value on the template's example row
    bounds: tuple[float | None, float | None] = (None, None)  # allowed range of a number

    def names(self) -> tuple[str, ...]:
        """Every header that maps to this column (before normalisation)."""
        return (self.name, self.header_fi, *self.aliases)


@dataclass(frozen=True)
class RowCheck:
    """A rule over a whole row: ``condition`` is SQL over the typed columns."""

    severity: str  # data.report.ERROR rejects the row, WARNING only informs
    code: str  # message key under data.issue
    column: str  # the column the issue points at
    condition: str


@dataclass(frozen=True)
class Table:
    """A table a load of the kind writes, with the natural key that versions its rows.

    Every row of an import replaces the older effective rows with the same ``key`` (SQL
    over the table); a child table takes its keys from ``key_source`` (a project's partners
    follow their project). ``key`` None: the rows follow their parent through its view and
    carry no ``replaced_by``. ``kept_while_used``: (table, column) of another kind whose
    rows may refer to rows of this one; undo keeps such a row while another import uses it.
    """

    name: str
    key: str | None = None
    key_source: str | None = None
    holds_orgs: bool = False  # has org_id: organisations it refers to survive an undo
    kept_while_used: tuple[str, str] | None = None


Loader = Callable[["LoadContext", "Staged"], int]


@dataclass(frozen=True, eq=False)
class Kind:
    """A sheet kind: recognised by sheet name or by its columns, loaded into ``tables``.

    ``loader(ctx, staged)`` inserts the staged sheet's good rows into ``tables`` and
    supersedes older rows by key; it returns the number of rows loaded. ``view`` holds the
    kind's effective rows. ``snapshot``: every import replaces the whole previous data
    (the member register), so the same file imported again is loaded again.

    Real exports (SPEC 2.1) need three more things: ``one_of``, columns of which a sheet must
    hold at least one (an attendance list names organisations, e-mails or people);
    ``ignored``, headers the tools write that belong to the kind but are stored nowhere
    (``Join Time``, ``Order #``): they count when the kind is recognised and are not reported
    as unknown; ``context``, per column the labels of the key-value lines above the header
    that fill it when the sheet has no such column (a Teams summary's ``Meeting title``);
    ``sections``, titles of tables stacked in one sheet (normalised, ``host details``) and
    the values their rows get (``{"role": "host"}``, see ``data.sections``).
    """

    name: str
    sheet_names: tuple[str, ...]
    columns: tuple[Column, ...]
    tables: tuple[Table, ...]
    view: str
    loader: Loader
    template_sheet: str = ""
    row_checks: tuple[RowCheck, ...] = ()
    snapshot: bool = False
    one_of: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    context: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sections: dict[str, dict[str, object]] = field(default_factory=dict)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)
