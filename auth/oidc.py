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

Only listed addresses get a role; a verified identity that is not listed gets none. The
``roles`` table holds no provider keys, so ``st.login`` does not take it for a provider.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import duckdb

from auth.accounts import record_sign_in
from auth.roles import Role

# Allow-list keys and the role each grants, strongest first (a listed manager stays a manager).
ALLOW_LIST_KEYS: tuple[tuple[str, Role], ...] = (("managers", "manager"), ("board", "board"))


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


def sign_in_email(con: duckdb.DuckDBPyConnection, email: str | None, verified: bool,
                  allow_list: Mapping[str, Iterable[str]]) -> Role | None:
    """Role for a signed-in OIDC identity, audited; None when unverified or not listed."""
    role = role_for_email(email, allow_list) if verified else None
    record_sign_in(con, email or "", role is not None, "oidc")
    return role
