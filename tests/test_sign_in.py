"""Signing in to the app (AppTest): the sign-in gate, password and organisation (OIDC) sign-in,
what each role may open, sign-out, local mode, the audit log view; and the OIDC helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from appkit import connection, controls, signin
from appkit.markdown import escape
from auth.accounts import add_user, remove_user
from auth.oidc import email_verified, login_provider, role_for_email
from data.store import DatabaseBusy
from i18n import t
from tests.browser.accounts import BOARD, MANAGER, with_accounts

ROOT = Path(__file__).resolve().parents[1]
MANAGER_PAGES = ("pages/data.py", "pages/settings.py", "pages/audit-log.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-string-for-the-identity-cookie",
    "client_id": "klusterimittari",
    "client_secret": "secret",
    "server_metadata_url": "https://login.example.fi/.well-known/openid-configuration",
    "roles": {"managers": ["koordinaattori@klusteri.fi"], "board": ["pj@kaupunki.fi"]},
}


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    yield


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with a manager and a board account; the app points at it."""
    path = with_accounts(tmp_path / "accounts.duckdb")
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(path))
    return path


def app(**secrets: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets.update(secrets)
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_name").set_value(name)
    at.text_input(key="sign_in_password").set_value(password)
    next(b for b in at.button if b.label == t("signin.submit", "fi")).click()
    return ok(at.run())


def audit_rows(path: Path, action: str) -> list[tuple[str, str]]:
    """(user, detail) of the audit entries of ``action``, oldest first."""
    con = duckdb.connect(str(path))  # the same process: DuckDB shares the app's open database
    try:
        return con.execute(
            "SELECT user_name, detail FROM audit_log WHERE action = ? ORDER BY rowid", [action]
        ).fetchall()
    finally:
        con.close()


def titles(at: AppTest) -> list[str]:
    return [title.value for title in at.title]


def test_unsigned_session_gets_only_the_sign_in_page(db: Path) -> None:
    at = ok(app())
    assert titles(at) == [t("signin.title", "fi")]
    assert not at.get("file_uploader") and not at.get("plotly_chart")
    for page in ("pages/overview.py", "pages/funding.py", *MANAGER_PAGES):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    # No organisation button without OIDC secrets; the language switch works before sign-in.
    assert [b.label for b in at.button] == [t("signin.submit", "fi")]
    at.radio(key=controls.LANGUAGE_WIDGET).set_value("en").run()
    assert titles(at) == [t("signin.title", "en")]


def test_wrong_password_is_refused_and_audited(db: Path) -> None:
    at = sign_in(app(), MANAGER[0], "not the password")
    assert [e.value for e in at.error] == [t("signin.failed", "fi")]
    assert titles(at) == [t("signin.title", "fi")]
    assert "role" not in at.session_state
    at = sign_in(at, "nobody", MANAGER[1])
    assert titles(at) == [t("signin.title", "fi")]
    # The unknown name is audited as a keyed hash, never as typed.
    [(first, first_detail), (second, second_detail)] = audit_rows(db, "sign_in")
    assert (first, first_detail) == (MANAGER[0], "password: failure")
    assert second.startswith("unknown:") and second_detail == "password: failure"


def test_board_sign_in_gets_no_manager_pages(db: Path) -> None:
    at = sign_in(app(), *BOARD)
    assert titles(at) == [t("ui.page.overview", "fi")]
    assert (at.session_state["role"], at.session_state["user"]) == ("board", BOARD[0])
    for page in MANAGER_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    assert not at.get("file_uploader")
    assert t("signin.signed_in_as", "fi", user=BOARD[0]) in [c.value for c in at.sidebar.caption]
    assert audit_rows(db, "sign_in") == [(BOARD[0], "password: success")]


def test_board_session_on_a_manager_page_url_gets_the_refusal(db: Path) -> None:
    """A session whose current page is the Data page (its URL) and whose role is board is
    refused there in its language: the page itself never runs, and no "page not found"."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["role"] = "manager"
    ok(at.run().switch_page("pages/data.py").run())
    assert at.get("file_uploader")
    at.session_state["role"] = "board"
    at = ok(at.run())
    assert [e.value for e in at.error] == [t("signin.refused_page", "fi")]
    assert not at.title and not at.get("file_uploader")


def _page_with_board_context(db: str, page: str) -> None:
    """A manager page's file run with a board context already set (as if navigation ran it)."""
    import runpy

    from appkit.context import Ctx, Run, running
    from indicators.registry import built_in

    board = Ctx(db, "0", "default", "default", None, "fi", "board", None, built_in())
    with running(Run("fi", board)):
        runpy.run_path(page)


@pytest.mark.parametrize("page", MANAGER_PAGES)
def test_manager_pages_refuse_a_board_context_themselves(db: Path, page: str) -> None:
    at = AppTest.from_function(
        _page_with_board_context, args=(str(db), str(ROOT / page)), default_timeout=60
    )
    at = ok(at.run())
    assert [e.value for e in at.error] == [t("signin.refused_page", "fi")]
    assert not at.title and not at.get("file_uploader") and not at.dataframe


def test_manager_sign_in_gets_upload_and_the_audit_log(db: Path) -> None:
    at = sign_in(app(), *MANAGER)
    ok(at.switch_page("pages/data.py").run())
    assert titles(at) == [t("ui.page.data", "fi")]
    assert len(at.get("file_uploader")) == 1
    ok(at.switch_page("pages/audit-log.py").run())
    assert titles(at) == [t("ui.page.audit", "fi")]
    [log] = at.dataframe
    signed = log.value[log.value["action"] == t("auditlog.action.sign_in", "fi")]
    assert signed[["user_name", "detail"]].values.tolist() == [[MANAGER[0], "salasana: onnistui"]]
    # The view refreshes with the log (a new entry is not hidden by the cache).
    con = duckdb.connect(str(db))
    try:
        add_user(con, "cecilia", "board", "kolmas-salasana", actor=MANAGER[0])
    finally:
        con.close()
    at = ok(at.run())
    assert t("auditlog.action.user_add", "fi") in set(at.dataframe[0].value["action"])


def test_sign_out_returns_to_the_sign_in_page(db: Path) -> None:
    at = sign_in(app(), *MANAGER)
    next(b for b in at.button if b.label == t("signin.sign_out", "fi")).click()
    at = ok(at.run())
    assert titles(at) == [t("signin.title", "fi")]
    assert "role" not in at.session_state and "user" not in at.session_state


def test_sign_in_survives_a_reload_until_signed_out(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload is a new session; the browser's cookie (sent as it reconnects) resumes the
    sign-in with the account's role, until the user signs out."""
    at = sign_in(app(), *BOARD)
    token = at.session_state[signin.TOKEN]
    assert len(token) >= 43
    monkeypatch.setattr(signin, "browser_token", lambda: token)
    reloaded = ok(app())
    assert titles(reloaded) == [t("ui.page.overview", "fi")]
    assert (reloaded.session_state["role"], reloaded.session_state["user"]) == ("board", BOARD[0])
    assert audit_rows(db, "sign_in") == [(BOARD[0], "password: success")]  # no new sign-in
    next(b for b in reloaded.button if b.label == t("signin.sign_out", "fi")).click()
    assert titles(ok(reloaded.run())) == [t("signin.title", "fi")]
    assert titles(ok(app())) == [t("signin.title", "fi")]  # the same cookie no longer works


def test_a_guessed_or_expired_token_signs_nobody_in(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = sign_in(app(), *MANAGER)
    token = at.session_state[signin.TOKEN]
    for tried in ("", "x" * 43, token + "x", "' OR 1=1 --"):
        monkeypatch.setattr(signin, "browser_token", lambda tried=tried: tried)
        assert titles(ok(app())) == [t("signin.title", "fi")]
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE sign_in_session SET expires_at = current_timestamp - INTERVAL 1 MINUTE")
        stored = con.execute("SELECT token_hash FROM sign_in_session").fetchall()
    finally:
        con.close()
    assert token not in str(stored)  # only its hash is kept
    monkeypatch.setattr(signin, "browser_token", lambda: token)
    assert titles(ok(app())) == [t("signin.title", "fi")]


def test_removing_the_account_ends_its_sessions(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = sign_in(app(), *MANAGER).session_state[signin.TOKEN]
    con = duckdb.connect(str(db))
    try:
        remove_user(con, MANAGER[0])
        assert con.execute("SELECT count(*) FROM sign_in_session").fetchone() == (0,)
    finally:
        con.close()
    monkeypatch.setattr(signin, "browser_token", lambda: token)
    assert titles(ok(app())) == [t("signin.title", "fi")]


def test_removed_account_or_changed_role_ends_the_session(db: Path) -> None:
    at = sign_in(app(), *MANAGER)
    con = duckdb.connect(str(db))
    try:
        remove_user(con, MANAGER[0])
    finally:
        con.close()
    at = ok(at.run())
    assert titles(at) == [t("signin.title", "fi")]
    at = sign_in(at, *BOARD)
    at.session_state["role"] = "manager"  # not what the account says
    at = ok(at.run())
    assert titles(at) == [t("signin.title", "fi")]


def test_local_mode_without_accounts_is_the_manager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "local.duckdb"
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(path))
    at = ok(app())
    assert titles(at) == [t("ui.page.overview", "fi")]
    assert at.session_state["role"] == "manager"
    notes = [c.value for c in at.sidebar.caption]
    assert any(t("signin.local_mode", "fi") in note for note in notes)
    ok(at.switch_page("pages/data.py").run())
    assert at.get("file_uploader")
    # Once an account exists, the same session has to sign in.
    con = duckdb.connect(str(path))
    try:
        add_user(con, *MANAGER[:1], "manager", MANAGER[1])
    finally:
        con.close()
    at = ok(at.run())
    assert titles(at) == [t("signin.title", "fi")]


def test_busy_database_shows_its_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "busy.duckdb"
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(path))

    def busy(_path: object) -> duckdb.DuckDBPyConnection:
        raise DatabaseBusy(path)

    monkeypatch.setattr(connection, "open_db", busy)
    at = ok(app())
    assert [e.value for e in at.error] == [DatabaseBusy(path).message("fi")]
    assert not at.title


# --- organisation sign-in (OIDC) ----------------------------------------------------------------


def oidc_app(email: str, **claims: object) -> AppTest:
    """The app as it runs after ``st.login`` returned with ``email``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email, **claims}
    return ok(at.run())


def test_oidc_button_shows_when_secrets_configure_a_provider(db: Path) -> None:
    at = ok(app(auth=AUTH))
    labels = [b.label for b in at.button]
    assert labels == [t("signin.organisation", "fi"), t("signin.submit", "fi")]


def test_oidc_listed_address_signs_in_with_its_role(db: Path) -> None:
    at = oidc_app("Koordinaattori@Klusteri.fi", email_verified=True)
    assert titles(at) == [t("ui.page.overview", "fi")]
    assert at.session_state["role"] == "manager"
    ok(at.switch_page("pages/data.py").run())
    assert at.get("file_uploader")
    at = oidc_app("pj@kaupunki.fi", email_verified=True)
    assert at.session_state["role"] == "board"
    assert audit_rows(db, "sign_in") == [
        ("Koordinaattori@Klusteri.fi", "oidc: success"),
        ("pj@kaupunki.fi", "oidc: success"),
    ]


def test_oidc_unknown_or_unverified_address_is_refused(db: Path) -> None:
    for email, claims in (
        ("vieras@example.com", {"email_verified": True}),
        ("koordinaattori@klusteri.fi", {"email_verified": False}),
        ("koordinaattori@klusteri.fi", {}),
    ):
        at = oidc_app(email, **claims)
        assert titles(at) == [t("signin.title", "fi")]
        refusal = t("signin.oidc_refused", "fi", email=escape(email))
        assert [e.value for e in at.error] == [refusal]
        assert "role" not in at.session_state
        at = ok(at.run())  # refused once: a rerun does not audit the address again
        sign_out = next(b for b in at.button if b.label == t("signin.oidc_sign_out", "fi"))
        sign_out.click()
        at = ok(at.run())
        assert at.user == {"is_logged_in": False}  # st.logout() ran
    assert [detail for _, detail in audit_rows(db, "sign_in")] == ["oidc: failure"] * 3


def test_login_provider_from_the_auth_section() -> None:
    shared = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": AUTH["cookie_secret"]}
    provider = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    assert login_provider(AUTH) == "default"
    assert login_provider({**shared, "microsoft": provider, "roles": AUTH["roles"]}) == "microsoft"
    assert login_provider({**shared, "roles": AUTH["roles"]}) is None
    # A provider table missing any of its keys configures nothing: sign-in stays local.
    for left_out in provider:
        partial = {k: v for k, v in provider.items() if k != left_out}
        assert login_provider({**shared, "google": partial, "roles": AUTH["roles"]}) is None
    assert login_provider({**provider, "roles": AUTH["roles"]}) is None  # no redirect or cookie
    assert login_provider({}) is None and login_provider(None) is None


def test_email_verified_and_role_mapping() -> None:
    roles = AUTH["roles"]
    assert email_verified({"email_verified": True}, roles)
    assert not email_verified({"email_verified": "true"}, roles)
    assert not email_verified({}, roles)
    trusting = {**roles, "accept_unverified_email": True}
    assert email_verified({}, trusting)
    assert not email_verified({"email_verified": False}, trusting)
    assert role_for_email(" KOORDINAATTORI@klusteri.fi ", roles) == "manager"
    assert role_for_email("pj@kaupunki.fi", roles) == "board"
    assert role_for_email("pj@kaupunki.fi.evil.com", roles) is None
