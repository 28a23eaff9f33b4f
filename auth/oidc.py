"""Single sign-on: an OpenID Connect identity (its e-mail) mapped to a role by an allow-list.

The allow-list lives in ``.streamlit/secrets.toml`` next to the ``st.login`` settings::

    [auth]
    redirect_uri = "https://mittari.example.fi/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.microsoftonline.com/TENANT/v2.0/.well-known/openid-configuration"

    [auth.roles]
    managers = ["koordinaattori@klusteri.fi"]
    board = ["puheenjohtaja@kaupunki.fi"]

An ``[auth]`` section that does not configure a provider completely (a key missing, empty or
misspelt) is an error, never a reason to fall back to local mode: ``config_error`` names what
is missing, and the app and ``make run`` refuse to start with it.

Only listed addresses get a role; a verified identity that is not listed gets none. The
``roles`` table holds no provider keys, so ``st.login`` does not take it for a provider.
A named provider (``[auth.microsoft]`` with the three provider keys) works as well.

An address counts as verified when the identity token says ``email_verified = true``.
Microsoft Entra ID sends no such claim; for a single-tenant Entra application, whose tenant
controls its users' addresses, set ``accept_unverified_email = true`` under ``[auth.roles]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import duckdb

from auth.accounts import record_sign_in
from auth.roles import Role
from data.store import write_transaction
from i18n.errors import LocalisedError

# Allow-list keys and the role each grants, strongest first (a listed manager stays a manager).
ALLOW_LIST_KEYS: tuple[tuple[str, Role], ...] = (("managers", "manager"), ("board", "board"))
# What ``st.login`` needs: shared keys in ``[auth]`` and these keys for each provider.
SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
DEFAULT_PROVIDER = "default"


def login_provider(auth: Mapping[str, object] | None) -> str | None:
    """The provider ``st.login`` should use under this ``[auth]`` section, or None when the
    section does not configure one (then the app offers password sign-in only).

    Provider keys directly in ``[auth]`` make the ``default`` provider; otherwise the first
    sub-table that holds them is a named provider.
    """
    if not auth or not all(auth.get(key) for key in SHARED_KEYS):
        return None
    if all(auth.get(key) for key in PROVIDER_KEYS):
        return DEFAULT_PROVIDER
    return next(
        (
            name
            for name, section in auth.items()
            if isinstance(section, Mapping) and all(section.get(key) for key in PROVIDER_KEYS)
        ),
        None,
    )


class AuthConfigError(LocalisedError):
    """An ``[auth]`` section that is present but does not configure sign-in completely."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__("signin.config_incomplete", missing=", ".join(missing))


def config_error(auth: Mapping[str, object] | None) -> AuthConfigError | None:
    """Why a present ``[auth]`` section configures no provider (None: absent, or complete).

    Missing means absent or empty: the shared keys, and the provider keys either directly in
    ``[auth]`` or in one sub-table (a named provider)."""
    if not auth or login_provider(auth) is not None:
        return None
    missing = [f"[auth] {key}" for key in SHARED_KEYS if not auth.get(key)]
    tables = {name: v for name, v in auth.items() if isinstance(v, Mapping) and name != "roles"}
    candidates = {"[auth]": auth, **{f"[auth.{name}]": v for name, v in tables.items()}}
    best = min(
        (
            [f"{where} {key}" for key in PROVIDER_KEYS if not section.get(key)]
            for where, section in candidates.items()
        ),
        key=len,
    )
    return AuthConfigError(missing + best)


def email_verified(claims: Mapping[str, object], allow_list: Mapping[str, object]) -> bool:
    """Whether the identity's address may be trusted: ``email_verified`` is true, or the claim
    is absent and the allow-list says ``accept_unverified_email = true``."""
    if "email_verified" in claims:
        return claims["email_verified"] is True
    return allow_list.get("accept_unverified_email") is True


def _normalise(email: str) -> str:
    return email.strip().casefold()


def role_for_email(email: str | None, allow_list: Mapping[str, Iterable[str]]) -> Role | None:
    """The role the allow-list grants ``email`` (case-insensitive exact match), else None."""
    if not email or not email.strip():
        return None
    wanted = _normalise(email)
    for key, role in ALLOW_LIST_KEYS:
        if any(_normalise(listed) == wanted for listed in allow_list.get(key, ()) or ()):
            return role
    return None


def sign_in_email(
    con: duckdb.DuckDBPyConnection,
    email: str | None,
    verified: bool,
    allow_list: Mapping[str, Iterable[str]],
) -> Role | None:
    """Role for a signed-in OIDC identity, audited; None when unverified or not listed."""
    role = role_for_email(email, allow_list) if verified else None
    with write_transaction(con) as cur:
        record_sign_in(cur, email or "", role is not None, "oidc")
    return role
