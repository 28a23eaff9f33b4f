"""Who uses the app, with which role: local mode, password or organisation sign-in, sign-out.

The role and the user live in ``st.session_state["role"]`` and ``["user"]``, set only here.
With no local account and no OIDC provider in the secrets the app runs in local mode, where
whoever opens it is the manager (a sidebar note says so). Otherwise nobody gets any page but
the sign-in page until signed in. Each run checks the sign-in still holds: a removed account,
a changed role or an address taken off the allow-list ends the session's rights at once.

A password sign-in survives reloading the page: the browser keeps a session token in a cookie
(``auth.sessions``) until it closes or the user signs out; a new run of the app reads the
cookie and resumes the sign-in with the account's current role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from appkit.connection import connection
from appkit.controls import LANGUAGE_WIDGET
from auth import sessions
from auth.accounts import account_role, has_users, verify
from auth.oidc import (
    AuthConfigError,
    config_error,
    email_verified,
    login_provider,
    role_for_email,
    sign_in_email,
)
from auth.throttle import THROTTLE
from data.store import default_db_path, write_transaction
from i18n import t

ROLE, USER, METHOD = "role", "user", "auth_method"
TOKEN = "session_token"  # this session's sign-in token (password sign-in)
COOKIE_CHANGE = "session_cookie"  # what to write into the browser's cookie on this run
# The OIDC address this session refused (so it is audited once, and the sign-in page says so).
REFUSED = "oidc_refused"


@dataclass(frozen=True)
class Oidc:
    """Organisation sign-in as configured in ``[auth]`` of the secrets."""

    provider: str
    allow_list: Mapping[str, Any]


def oidc() -> Oidc | None:
    """The OIDC provider and role allow-list, or None when the secrets have no ``[auth]``.

    An incomplete ``[auth]`` section stops the run with a bilingual error (``refuse``): the
    app never falls back to local mode, where whoever opens it is the manager."""
    try:
        auth = st.secrets.get("auth")
    except StreamlitSecretNotFoundError:
        return None
    problem = config_error(auth)
    if problem is not None:
        refuse(problem)
    provider = login_provider(auth)
    if provider is None:
        return None
    return Oidc(provider, dict(auth.get("roles") or {}))


def refuse(problem: AuthConfigError) -> None:
    """Show why sign-in is not configured, in both languages (no language is chosen yet), and
    stop: no page runs."""
    st.error(f"{problem.message('fi')}\n\n{problem.message('en')}", icon=":material/lock:")
    st.stop()


def resolve(con: duckdb.DuckDBPyConnection) -> str | None:
    """The session's role after this run's checks, or None: then only sign-in is offered."""
    state = st.session_state
    sso = oidc()
    cur = con.cursor()
    try:
        local = sso is None and not has_users(cur)
        method = state.get(METHOD)
        if (
            (method == "local" and not local)
            or (method == "password" and account_role(cur, state[USER]) != state[ROLE])
            or (method == "oidc" and (sso is None or _allowed(state[USER], sso) != state[ROLE]))
        ):
            _forget()
    finally:
        cur.close()
    if ROLE not in state:
        if local:
            state.update({ROLE: "manager", USER: None, METHOD: "local"})
        elif sso is not None and st.user.get("is_logged_in"):
            _organisation_sign_in(con, sso)
        else:
            _resume(con)
    return state.get(ROLE)


def browser_token() -> str | None:
    """The session token the browser sent when this session connected (None without one)."""
    token = st.context.cookies.get(sessions.COOKIE)
    return token if isinstance(token, str) else None


def _resume(con: duckdb.DuckDBPyConnection) -> None:
    """Resume a password sign-in from the browser's cookie (after a reload or a new tab)."""
    token = browser_token()
    if not token:
        return
    cur = con.cursor()
    try:
        user = sessions.resume(cur, token)
        role = account_role(cur, user) if user else None
    finally:
        cur.close()
    if role is not None:
        st.session_state.update({ROLE: role, USER: user, METHOD: "password", TOKEN: token})


def local_accounts(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any local account exists (else the sign-in page offers no password form)."""
    cur = con.cursor()
    try:
        return has_users(cur)
    finally:
        cur.close()


def _allowed(email: str, sso: Oidc) -> str | None:
    return role_for_email(email, sso.allow_list)


def _organisation_sign_in(con: duckdb.DuckDBPyConnection, sso: Oidc) -> None:
    """Map the identity ``st.login`` returned with to a role, once per session (audited)."""
    state = st.session_state
    email = str(st.user.get("email") or "")
    if state.get(REFUSED) == email:
        return
    verified = email_verified(st.user.to_dict(), sso.allow_list)
    role = sign_in_email(con, email, verified, sso.allow_list)
    if role is None:
        state[REFUSED] = email
    else:
        state.update({ROLE: role, USER: email, METHOD: "oidc"})


class Throttled(Exception):
    """Too many failed sign-ins for this account or from this address: wait ``wait_s``."""

    def __init__(self, wait_s: float) -> None:
        super().__init__(f"sign-in throttled for {wait_s:.0f} s")
        self.wait_s = wait_s


def sign_in_password(con: duckdb.DuckDBPyConnection, name: str, password: str) -> bool:
    """Check a local account's password (audited either way); True when it is signed in.

    Throttled (per account and per client address, ``auth.throttle``) while a wait from
    earlier failures runs: then the password is not checked at all."""
    address = st.context.ip_address
    wait_s = THROTTLE.wait_s(name, address)
    if wait_s > 0:
        raise Throttled(wait_s)
    cur = con.cursor()
    try:
        role = verify(cur, name, password)
    finally:
        cur.close()
    if role is None:
        THROTTLE.failed(name, address)
        return False
    THROTTLE.succeeded(name, address)
    with write_transaction(con) as cur:
        token = sessions.start(cur, name)
    _forget()
    st.session_state.update(
        {ROLE: role, USER: name, METHOD: "password", TOKEN: token, COOKIE_CHANGE: token}
    )
    return True


def _forget() -> None:
    """Drop everything the session holds except its language (a new user starts clean)."""
    state = st.session_state
    for key in list(state.keys()):
        if key not in ("lang", LANGUAGE_WIDGET):
            del state[key]


def sign_out() -> None:
    """End the sign-in (its session and the browser's cookie too); an organisation identity
    is signed out of ``st.login`` as well."""
    state = st.session_state
    organisation = state.get(METHOD) == "oidc" or REFUSED in state
    token = state.get(TOKEN) or browser_token()
    if token:
        with write_transaction(connection(str(default_db_path()))) as cur:
            sessions.end(cur, token)
    _forget()
    state[COOKIE_CHANGE] = ""
    if organisation:
        st.logout()


def write_cookie() -> None:
    """Store a new sign-in's token in the browser, or clear it after signing out (a cookie
    for this site only, never sent to another; gone when the browser closes)."""
    change = st.session_state.pop(COOKIE_CHANGE, None)
    if change is None:
        return
    value = f"{sessions.COOKIE}={change}; path=/; SameSite=Strict" + (
        "" if change else "; max-age=0"
    )
    script = (
        f"<script>document.cookie = {value!r} + "
        "(location.protocol === 'https:' ? '; Secure' : '');</script>"
    )
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)


def sidebar(lang: str) -> None:
    """Local mode's note, or who is signed in with a sign-out button."""
    state = st.session_state
    with st.sidebar:
        if state.get(METHOD) == "local":
            st.caption(f":material/info: {t('signin.local_mode', lang)}")
            return
        if state.get(USER):
            st.caption(t("signin.signed_in_as", lang, user=state[USER]))
        st.button(
            t("signin.sign_out", lang),
            icon=":material/logout:",
            on_click=sign_out,
            key="sign_out",
        )
