"""The audit log: who did what, when (imports, undos, exports, target changes, sign-ins)."""

from __future__ import annotations

import duckdb


def record(
    con: duckdb.DuckDBPyConnection,
    action: str,
    detail: str = "",
    *,
    user: str | None = None,
    cluster_id: str | None = None,
) -> None:
    """Append one audit entry. Runs inside the caller's transaction when there is one."""
    con.execute(
        "INSERT INTO audit_log (cluster_id, user_name, action, detail) VALUES (?, ?, ?, ?)",
        [cluster_id, user, action, detail],
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
    detail, cluster_id``. Only the manager may read them (``auth.audit_log.recent``)."""
    result = con.execute(
        "SELECT logged_at, user_name, action, detail, cluster_id FROM audit_log "
        "ORDER BY logged_at DESC, rowid DESC LIMIT ?",
        [limit],
    )
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]
