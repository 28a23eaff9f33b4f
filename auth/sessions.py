"""Sign-ins that outlive a page reload: a random token in the browser, its hash in the database.

A password sign-in starts a session; the browser keeps the token in a cookie that lasts until
the browser closes, and the database keeps only the token's SHA-256 with an expiry, so a copy
of the database signs nobody in. Each run checks the account still exists and takes its
current role; signing out, removing the account or the expiry ends the session.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import duckdb

COOKIE = "klusterimittari_session"
LIFETIME = timedelta(hours=12)
TOKEN_BYTES = 32


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(con: duckdb.DuckDBPyConnection, user: str) -> str:
    """A new session for ``user`` (expired ones are cleared); the token for the browser."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    con.execute("DELETE FROM sign_in_session WHERE expires_at <= current_timestamp")
    con.execute(
        "INSERT INTO sign_in_session (token_hash, user_name, expires_at) "
        "VALUES (?, ?, current_timestamp + ?)",
        [_hash(token), user, LIFETIME],
    )
    return token


def resume(con: duckdb.DuckDBPyConnection, token: str) -> str | None:
    """The user of an unexpired session whose account still exists, or None."""
    if not token or len(token) > 4 * TOKEN_BYTES:
        return None
    row = con.execute(
        "SELECT s.user_name FROM sign_in_session s JOIN app_user u USING (user_name) "
        "WHERE s.token_hash = ? AND s.expires_at > current_timestamp",
        [_hash(token)],
    ).fetchone()
    return row[0] if row else None


def end(con: duckdb.DuckDBPyConnection, token: str) -> None:
    """End the session of ``token`` (signing out)."""
    con.execute("DELETE FROM sign_in_session WHERE token_hash = ?", [_hash(token)])


def end_all(con: duckdb.DuckDBPyConnection, user: str) -> None:
    """End every session of ``user`` (the account was removed)."""
    con.execute("DELETE FROM sign_in_session WHERE user_name = ?", [user])
