"""Tokens that change when the data change: cached results in the app are keyed by them, so an
import from another process (the command line) also refreshes what the app shows."""

from __future__ import annotations

import duckdb


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes whenever imports, undos, targets or cluster profiles change.

    Cached page results are keyed by it, so another process's import (the command line) also
    refreshes the app.
    """
    row = con.execute("""
        SELECT (SELECT coalesce(max(import_id), 0) FROM import_log),
               (SELECT count(*) FROM import_log WHERE undone_at IS NOT NULL),
               (SELECT count(*) || '@' || coalesce(max(set_at)::VARCHAR, '') FROM target),
               (SELECT count(*) FROM audit_log WHERE action IN ('target_remove', 'cluster_profile'))
    """).fetchone()
    return "/".join(str(part) for part in row)


def audit_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes with every audit entry (keys the cached audit log view)."""
    return str(con.execute("SELECT count(*) FROM audit_log").fetchone()[0])
