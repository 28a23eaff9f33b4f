"""Local accounts: user names with a role and an argon2 password hash in ``app_user``.

Passwords are never stored or logged; every sign-in attempt, successful or not, is written
to the audit log. ``verify`` spends the same argon2 work on unknown names as on known ones,
so response time does not reveal which user names exist.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from auth.roles import ROLES, Role
from data import audit
from i18n import t

MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64
_HASHER = PasswordHasher()


class AccountError(ValueError):
    """A refused account change; ``message(lang)`` says why in the user's language."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields

    def message(self, lang: str = "fi") -> str:
        return t(f"access.user.{self.code}", lang, **self.fields)


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
    if con.execute("SELECT 1 FROM app_user WHERE user_name = ?", [name]).fetchone():
        raise AccountError("exists", name=name)
    con.execute(
        "INSERT INTO app_user (user_name, role, pw_hash) VALUES (?, ?, ?)",
        [name, role, _HASHER.hash(password)],
    )
    audit.record(con, "user_add", f"{name}: {role}", user=actor)


def remove_user(con: duckdb.DuckDBPyConnection, name: str, *, actor: str | None = None) -> None:
    """Delete a local account; AccountError when there is no such user."""
    removed = con.execute(
        "DELETE FROM app_user WHERE user_name = ? RETURNING user_name", [name]
    ).fetchall()
    if not removed:
        raise AccountError("not_found", name=name)
    audit.record(con, "user_remove", name, user=actor)


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
    audit.record(con, "sign_in", f"{method}: {outcome}", user=user[:MAX_NAME_LENGTH])


def verify(con: duckdb.DuckDBPyConnection, name: str, password: str) -> Role | None:
    """The user's role when the password is right, else None; audited either way."""
    row = con.execute("SELECT role, pw_hash FROM app_user WHERE user_name = ?", [name]).fetchone()
    stored = row[1] if row and row[1] else _unknown_user_hash()
    try:
        ok = _HASHER.verify(stored, password) and row is not None and row[1] is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if ok and _HASHER.check_needs_rehash(stored):
        con.execute(
            "UPDATE app_user SET pw_hash = ? WHERE user_name = ?", [_HASHER.hash(password), name]
        )
    record_sign_in(con, name, ok, "password")
    return row[0] if ok else None
