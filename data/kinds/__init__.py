"""The import kinds (SPEC 2): one entry per kind of sheet, in the order a file's sheets load.

Each kind lives in its own module here, with its columns, tables, natural keys and loader
(see ``data.kinds.base.Kind``); its tables and view are in ``data.schema``. The order of
``KINDS`` loads identities before what refers to them (members and events before attendance).
"""

from __future__ import annotations

from data.enums import ENUM_LABEL_FI, ENUMS
from data.kinds.base import (
    BOOL,
    BUSINESS_ID,
    DATE,
    ENUM,
    INT,
    LIST,
    NUMBER,
    TEXT,
    TYPES,
    Column,
    Kind,
    RowCheck,
    Table,
)
from data.kinds.events import EVENTS
from data.kinds.funding import FUNDING
from data.kinds.members import MEMBERS
from data.kinds.outcomes import OUTCOMES
from data.kinds.participants import PARTICIPANTS
from data.kinds.projects import PROJECTS
from data.kinds.regional import REGIONAL
from data.kinds.survey import SURVEY

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (MEMBERS, EVENTS, PARTICIPANTS, FUNDING, PROJECTS, OUTCOMES, REGIONAL, SURVEY)
}

# Every table an import writes, once each, in load order.
TABLES: tuple[Table, ...] = tuple(
    {table.name: table for kind in KINDS.values() for table in kind.tables}.values()
)

__all__ = [
    "BOOL",
    "BUSINESS_ID",
    "DATE",
    "ENUM",
    "ENUMS",
    "ENUM_LABEL_FI",
    "EVENTS",
    "FUNDING",
    "INT",
    "KINDS",
    "LIST",
    "MEMBERS",
    "NUMBER",
    "OUTCOMES",
    "PARTICIPANTS",
    "PROJECTS",
    "REGIONAL",
    "SURVEY",
    "TABLES",
    "TEXT",
    "TYPES",
    "Column",
    "Kind",
    "RowCheck",
    "Table",
]
