"""The safe spreadsheet reader: an uploaded file becomes raw sheets of text cells, or a clear
bilingual rejection (SPEC 2 file types, SPEC 6 uploads).

Untrusted bytes are parsed in a separate interpreter, one per file, with an address-space
limit and a wall-clock timeout (``data.reading.isolation``); ``warm`` starts the next one
ahead of time (``data.reading.standby``). This module only checks the size and turns the
worker's answer into ``RawSheet`` objects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from data.reading.errors import ReadError

if TYPE_CHECKING:  # the child imports this package too; pyarrow loads only when sheets do
    import pyarrow as pa

__all__ = ["MAX_BYTES", "RawSheet", "ReadError", "read_upload", "warm"]

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class RawSheet:
    """One sheet as text.

    ``table`` has ``__row`` (int32, the 1-based row number the user sees in Excel) and string
    columns ``c0``, ``c1``... for columns A, B...; empty cells are null, empty rows are absent.
    """

    name: str
    table: pa.Table
    hidden: bool = False


def read_upload(
    path: Path,
    *,
    file_name: str | None = None,
    max_bytes: int = MAX_BYTES,
    timeout_s: float = 60.0,
    memory_mb: int = 2048,
) -> list[RawSheet]:
    """The sheets of the uploaded file at ``path``, or ReadError naming ``file_name``.

    Sheets without any cell (chart sheets, blank sheets) are left out; a file with no sheet
    holding data is rejected.
    """
    from data.reading.isolation import read_isolated

    path = Path(path)
    name = file_name or path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError("reading.unreadable", file=name) from exc
    if size > max_bytes:
        raise ReadError(
            "reading.too_large",
            file=name,
            size_mb=math.ceil(size / 2**20),
            limit_mb=max_bytes // 2**20,
        )
    if size == 0:
        raise ReadError("reading.empty", file=name)
    return [
        RawSheet(sheet_name, table, hidden)
        for sheet_name, hidden, table in read_isolated(path, name, timeout_s, memory_mb)
    ]


def warm() -> None:
    """Start the worker for the next upload now, in the background (callers that expect an
    upload soon: the upload page, a command importing several files)."""
    from data.reading.standby import warm as start_ahead

    start_ahead()
