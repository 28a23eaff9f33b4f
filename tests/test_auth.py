"""Local accounts, OIDC role mapping, the user command and the production server settings."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import duckdb
import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from auth import accounts, audit_log
from auth.accounts import AccountError, add_user, has_users, list_users, remove_user, verify
from auth.oidc import role_for_email, sign_in_email
from auth.roles import PermissionDenied
from cli.main import main
from data.demo import load_demo
from data.store import open_db
from indicators.analytics_context import import_history
from indicators.analytics_members import paying_but_passive
from indicators.survey import open_answers

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "kahvi-ja-pulla-2025"


def _sign_ins(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT user_name, detail FROM audit_log WHERE action = 'sign_in' ORDER BY rowid"
    ).fetchall()


def test_password_is_hashed_with_argon2_and_never_stored_or_logged(con) -> None:
    add_user(con, "liisa", "manager", PASSWORD)
    assert verify(con, "liisa", "wrong password") is None
    assert verify(con, "liisa", PASSWORD) == "manager"
    (pw_hash,) = con.execute("SELECT pw_hash FROM app_user WHERE user_name = 'liisa'").fetchone()
    assert pw_hash.startswith("$argon2id$")
    every_text = " ".join(
        str(v)
        for row in con.execute(
            "SELECT * FROM audit_log UNION ALL BY NAME SELECT * FROM app_user"
        ).fetchall()
        for v in row
    )
    assert PASSWORD not in every_text and "wrong password" not in every_text
    assert _sign_ins(con) == [("liisa", "password: failure"), ("liisa", "password: success")]


def test_unknown_user_costs_one_argon2_verification_and_is_audited(
    con, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = accounts._HASHER

    class CountingHasher:
        def verify(self, stored: str, password: str) -> bool:
            calls.append(stored)
            return real.verify(stored, password)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    monkeypatch.setattr(accounts, "_HASHER", CountingHasher())
    assert verify(con, "nobody", PASSWORD) is None
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")
    # The typed name (perhaps a password in the wrong field) is stored as a keyed hash only;
    # the same name gives the same entry, so repeated guesses still show.
    assert verify(con, "nobody", PASSWORD) is None
    assert verify(con, "Salasana123!", PASSWORD) is None
    [(first, outcome), (second, _), (third, _)] = _sign_ins(con)
    assert outcome == "password: failure"
    assert first == second and first != third
    assert all(u.startswith("unknown:") and len(u) == 20 for u in (first, third))
    logged = con.execute("SELECT string_agg(user_name || detail, ' ') FROM audit_log").fetchone()[0]
    assert "nobody" not in logged and "Salasana123" not in logged


def test_weak_hash_parameters_are_upgraded_on_sign_in(con) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    con.execute(
        "INSERT INTO app_user (user_name, role, pw_hash) VALUES ('pekka', 'board', ?)", [weak]
    )
    assert verify(con, "pekka", PASSWORD) == "board"
    (stored,) = con.execute("SELECT pw_hash FROM app_user WHERE user_name = 'pekka'").fetchone()
    assert stored != weak and not accounts._HASHER.check_needs_rehash(stored)
    assert verify(con, "pekka", PASSWORD) == "board"


@pytest.mark.parametrize(
    ("name", "role", "password", "code"),
    [
        ("", "manager", PASSWORD, "bad_name"),
        (" liisa", "manager", PASSWORD, "bad_name"),
        ("x" * 65, "manager", PASSWORD, "bad_name"),
        ("liisa", "admin", PASSWORD, "bad_role"),
        ("liisa", "board", "short", "short_password"),
    ],
)
def test_bad_accounts_are_refused(con, name: str, role: str, password: str, code: str) -> None:
    with pytest.raises(AccountError) as info:
        add_user(con, name, role, password)
    assert info.value.code == code
    assert info.value.message("en") and info.value.message("fi") != info.value.message("en")
    assert not has_users(con)


def test_add_list_remove(con) -> None:
    assert not has_users(con)
    add_user(con, "ville", "board", PASSWORD, actor="admin")
    add_user(con, "anna", "manager", PASSWORD, actor="admin")
    with pytest.raises(AccountError, match="exists"):
        add_user(con, "anna", "board", PASSWORD)
    assert has_users(con)
    assert [(n, r) for n, r, _ in list_users(con)] == [("anna", "manager"), ("ville", "board")]
    remove_user(con, "ville", actor="admin")
    with pytest.raises(AccountError, match="There is no user ville"):
        remove_user(con, "ville")
    assert [n for n, _, _ in list_users(con)] == ["anna"]
    assert verify(con, "ville", PASSWORD) is None
    assert con.execute(
        "SELECT action, detail, user_name FROM audit_log WHERE action LIKE 'user_%' ORDER BY rowid"
    ).fetchall() == [
        ("user_add", "ville: board", "admin"),
        ("user_add", "anna: manager", "admin"),
        ("user_remove", "ville", "admin"),
    ]


ALLOW = {
    "managers": ["Koordinaattori@Klusteri.fi"],
    "board": ["pj@kaupunki.fi", "koordinaattori@klusteri.fi"],
}


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("koordinaattori@klusteri.fi", "manager"),  # listed twice: the stronger role wins
        ("  PJ@Kaupunki.FI ", "board"),
        ("pj@kaupunki.fi.evil.example", None),
        ("someone@kaupunki.fi", None),
        ("", None),
        (None, None),
    ],
)
def test_role_for_email(email: str | None, role: str | None) -> None:
    assert role_for_email(email, ALLOW) == role


def test_role_for_email_with_missing_or_empty_lists() -> None:
    assert role_for_email("pj@kaupunki.fi", {}) is None
    assert role_for_email("pj@kaupunki.fi", {"managers": [], "board": None}) is None


def test_oidc_sign_in_needs_a_verified_listed_address(con) -> None:
    assert sign_in_email(con, "pj@kaupunki.fi", True, ALLOW) == "board"
    assert sign_in_email(con, "pj@kaupunki.fi", False, ALLOW) is None
    assert sign_in_email(con, "other@kaupunki.fi", True, ALLOW) is None
    assert _sign_ins(con) == [
        ("pj@kaupunki.fi", "oidc: success"),
        ("pj@kaupunki.fi", "oidc: failure"),
        ("other@kaupunki.fi", "oidc: failure"),
    ]


def test_user_command(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("cli.main.COMMAND_MODULES", ("cli.cmd_user",))
    db = ["--db", str(db_path), "--lang", "en"]
    assert main(["user", "list", *db]) == 0
    assert "There are no users" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "anna", "--role", "manager", "--password-stdin", *db]) == 0
    assert "User anna added with the role cluster manager." in capsys.readouterr().out
    typed = iter([PASSWORD, PASSWORD, PASSWORD, "typo" + PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main(["user", "add", "ville", "--role", "board", *db]) == 0
    assert main(["user", "add", "ilkka", "--role", "board", *db]) == 1
    assert "The passwords do not match." in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "anna", "--role", "board", "--password-stdin", *db]) == 1
    assert "User anna already exists." in capsys.readouterr().err
    assert main(["user", "list", *db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "user\trole\tcreated"
    assert [line.split("\t")[:2] for line in lines[1:]] == [["anna", "manager"], ["ville", "board"]]
    assert main(["user", "remove", "ville", *db]) == 0
    assert main(["user", "remove", "ville", *db]) == 1
    assert "There is no user ville." in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["user", "add", "x", "--role", "admin", *db])
    assert usage.value.code == 2
    con = open_db(db_path)
    try:
        assert verify(con, "anna", PASSWORD) == "manager"
        assert verify(con, "ville", PASSWORD) is None
    finally:
        con.close()


def test_production_server_settings() -> None:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        config = tomllib.load(fh)
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == 50


MANAGER_PAGES = ("pages/data.py", "pages/settings.py")


@pytest.fixture
def demo_with_accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo cluster in a database that has a manager account; the app points at it."""
    path = tmp_path / "app.duckdb"
    con = open_db(path)
    try:
        assert {r.status for r in load_demo(con)} == {"loaded"}
        add_user(con, "anna", "manager", PASSWORD)
    finally:
        con.close()
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(path))
    return path


@pytest.mark.slow
def test_board_session_cannot_reach_manager_pages_by_navigation_or_url(
    demo_with_accounts: Path,
) -> None:
    for role in ("board", "manager"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["role"] = role
        at.run()
        assert not at.exception
        for page in MANAGER_PAGES:
            if role == "board":
                with pytest.raises(ValueError, match="Could not find a navigation page"):
                    at.switch_page(page)
            else:
                at.switch_page(page).run()
                assert not at.exception, (role, page)
        at.switch_page("pages/surveys.py").run()
        assert not at.exception
        assert not at.get("file_uploader")


def test_core_functions_refuse_raw_rows_and_open_answers_to_the_board(
    demo_with_accounts: Path,
) -> None:
    con = open_db(demo_with_accounts)
    try:
        calls = (
            lambda role: open_answers(con, "default", role),
            lambda role: paying_but_passive(con, "default", 2025, role=role),
            lambda role: import_history(con, "default", role=role),
            lambda role: audit_log.recent(con, role=role),
        )
        for call in calls:
            with pytest.raises(PermissionDenied):
                call("board")
            assert call("manager")
    finally:
        con.close()
