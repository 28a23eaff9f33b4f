"""The audit log as the manager reads it: the role check in front of ``data.audit``."""

from __future__ import annotations

import duckdb

from auth.roles import require_manager
from data import audit


def recent(con: duckdb.DuckDBPyConnection, *, role: str, limit: int = 200) -> list[dict]:
    """The manager's view of the log, newest first (``data.audit.newest``); the board role is
    refused with ``auth.roles.PermissionDenied``."""
    require_manager(role)
    return audit.newest(con, limit)
