"""The audit log: who did what, when (imports, undos, exports, target changes, sign-ins).

Each entry keeps its facts twice: ``detail``, one line of plain text for reading the table
directly, and ``fields``, the same facts by name (JSON), from which the app writes the entry
in the reader's language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import duckdb


def record(
    con: duckdb.DuckDBPyConnection,
    action: str,
    detail: str = "",
    *,
    user: str | None = None,
    cluster_id: str | None = None,
    fields: Mapping[str, object] | None = None,
) -> None:
    """Append one audit entry. Runs inside the caller's transaction when there is one."""
    con.execute(
        "INSERT INTO audit_log (cluster_id, user_name, action, detail, fields) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            cluster_id,
            user,
            action,
            detail,
            None if fields is None else json.dumps(dict(fields), ensure_ascii=False),
        ],
    )


def entries(con: duckdb.DuckDBPyConnection, limit: int = 500) -> list[tuple]:
    """Newest entries first: (logged_at, cluster_id, user_name, action, detail)."""
    return con.execute(
        "SELECT logged_at, cluster_id, user_name, action, detail FROM audit_log "
        "ORDER BY logged_at DESC LIMIT ?",
        [limit],
    ).fetchall()


def newest(con: duckdb.DuckDBPyConnection, limit: int = 200) -> list[dict]:
    """The newest ``limit`` entries, newest first: dicts with ``logged_at, user_name, action,
    detail, fields, cluster_id``; ``fields`` is a dict, or None for entries written before
    facts were kept by name. Only the manager may read them (``auth.audit_log.recent``)."""
    result = con.execute(
        "SELECT logged_at, user_name, action, detail, fields, cluster_id FROM audit_log "
        "ORDER BY logged_at DESC, rowid DESC LIMIT ?",
        [limit],
    )
    columns = [d[0] for d in result.description]
    rows = [dict(zip(columns, row)) for row in result.fetchall()]
    for row in rows:
        row["fields"] = json.loads(row["fields"]) if row["fields"] else None
    return rows
