"""Local accounts: user names with a role and an argon2 password hash in ``app_user``.

Passwords are never stored or logged; every sign-in attempt, successful or not, is written
to the audit log, an unknown user name as a keyed hash (it may be a password typed into the
wrong field). ``verify`` spends the same argon2 work on unknown names as on known ones, so
response time does not reveal which user names exist, and does that work outside the write
lock, so sign-ins and imports never queue behind each other.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from auth import sessions
from auth.roles import ROLES, Role
from data import audit
from data.pseudonym import KeyFileError, keyed_hash, load_key
from data.store import db_file, write_transaction
from i18n.errors import LocalisedError

MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64
_HASHER = PasswordHasher()


class AccountError(LocalisedError):
    """A refused account change; ``message(lang)`` says why in the user's language."""

    prefix = "access.user."


@lru_cache(maxsize=1)
def _unknown_user_hash() -> str:
    """A real hash to verify against when the name is unknown (equal cost, never matches)."""
    return _HASHER.hash("unknown user: no password matches this hash")


def _check_name(name: str) -> None:
    if not name or len(name) > MAX_NAME_LENGTH or name != name.strip() or not name.isprintable():
        raise AccountError("bad_name")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError("bad_role", role=role, accepted=", ".join(ROLES))


def add_user(
    con: duckdb.DuckDBPyConnection, name: str, role: str, password: str, *, actor: str | None = None
) -> None:
    """Create a local account; AccountError for a bad name or role, short password or taken name."""
    _check_name(name)
    _check_role(role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("short_password", min=MIN_PASSWORD_LENGTH)
    pw_hash = _HASHER.hash(password)  # argon2 work before the write lock is taken
    with write_transaction(con) as cur:
        if cur.execute("SELECT 1 FROM app_user WHERE user_name = ?", [name]).fetchone():
            raise AccountError("exists", name=name)
        cur.execute(
            "INSERT INTO app_user (user_name, role, pw_hash) VALUES (?, ?, ?)",
            [name, role, pw_hash],
        )
        audit.record(
            cur, "user_add", f"{name}: {role}", user=actor, fields={"name": name, "role": role}
        )


def remove_user(con: duckdb.DuckDBPyConnection, name: str, *, actor: str | None = None) -> None:
    """Delete a local account; AccountError when there is no such user."""
    with write_transaction(con) as cur:
        removed = cur.execute(
            "DELETE FROM app_user WHERE user_name = ? RETURNING user_name", [name]
        ).fetchall()
        if not removed:
            raise AccountError("not_found", name=name)
        sessions.end_all(cur, name)
        audit.record(cur, "user_remove", name, user=actor, fields={"name": name})


def list_users(con: duckdb.DuckDBPyConnection) -> list[tuple[str, Role, datetime]]:
    """Every account as (name, role, created_at), by name."""
    return con.execute(
        "SELECT user_name, role, created_at FROM app_user ORDER BY user_name"
    ).fetchall()


def account_role(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The role of local account ``name`` now, or None once it has been removed."""
    row = con.execute("SELECT role FROM app_user WHERE user_name = ?", [name]).fetchone()
    return row[0] if row else None


def has_users(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any local account exists (the app asks for sign-in once one does)."""
    return con.execute("SELECT count(*) FROM app_user").fetchone()[0] > 0


def record_sign_in(con: duckdb.DuckDBPyConnection, user: str, success: bool, method: str) -> None:
    """Audit one sign-in attempt; ``method`` is ``password`` or ``oidc``."""
    outcome = "success" if success else "failure"
    audit.record(
        con,
        "sign_in",
        f"{method}: {outcome}",
        user=user[:MAX_NAME_LENGTH],
        fields={"method": method, "outcome": outcome},
    )


def verify(con: duckdb.DuckDBPyConnection, name: str, password: str) -> Role | None:
    """The user's role when the password is right, else None; audited either way. The caller
    holds no write lock: only the audit entry (and a rehash) is written, after the check."""
    row = con.execute("SELECT role, pw_hash FROM app_user WHERE user_name = ?", [name]).fetchone()
    stored = row[1] if row and row[1] else _unknown_user_hash()
    try:
        ok = _HASHER.verify(stored, password) and row is not None and row[1] is not None
    except (VerificationError, InvalidHashError):
        ok = False
    rehash = _HASHER.hash(password) if ok and _HASHER.check_needs_rehash(stored) else None
    with write_transaction(con) as cur:
        if rehash is not None:
            cur.execute("UPDATE app_user SET pw_hash = ? WHERE user_name = ?", [rehash, name])
        record_sign_in(cur, name if row else unknown_name(con, name), ok, "password")
    return row[0] if ok else None


def unknown_name(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """How the audit log names a user name that is no account: ``unknown:`` and a keyed hash,
    the same for the same name (repeated guesses show), never the typed text."""
    try:
        key = load_key(db_file(con))
    except KeyFileError:
        return "unknown"
    return f"unknown:{keyed_hash(key, 'sign-in:' + name)[:12]}"
