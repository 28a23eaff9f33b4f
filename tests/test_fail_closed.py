"""An incomplete ``[auth]`` section refuses to start; local mode listens on localhost only.

Before the fix, with no local accounts, an ``[auth]`` section with a typo or an empty
``client_secret`` fell back to local mode: whoever opened the app was the manager.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from auth import preflight
from auth.oidc import config_error
from i18n import t

ROOT = Path(__file__).resolve().parents[1]
COMPLETE = {
    "redirect_uri": "https://mittari.example.fi/oauth2callback",
    "cookie_secret": "pitkä satunnainen merkkijono",
    "client_id": "abc",
    "client_secret": "def",
    "server_metadata_url": "https://login.example.fi/.well-known/openid-configuration",
    "roles": {"managers": ["koordinaattori@klusteri.fi"]},
}


def without(key: str, **extra: object) -> dict:
    return {**{k: v for k, v in COMPLETE.items() if k != key}, **extra}


@pytest.mark.parametrize(
    ("auth", "missing"),
    [
        (without("client_secret", client_secret=""), ["[auth] client_secret"]),
        (without("client_secret", client_secert="def"), ["[auth] client_secret"]),
        (without("cookie_secret"), ["[auth] cookie_secret"]),
        (
            {"roles": {"managers": ["a@b.fi"]}},
            [
                "[auth] redirect_uri",
                "[auth] cookie_secret",
                "[auth] client_id",
                "[auth] client_secret",
                "[auth] server_metadata_url",
            ],
        ),
        (
            {
                "redirect_uri": "https://x/oauth2callback",
                "cookie_secret": "s",
                "microsoft": {"client_id": "a", "server_metadata_url": "https://m"},
            },
            ["[auth.microsoft] client_secret"],
        ),
    ],
)
def test_incomplete_auth_names_what_is_missing(auth: dict, missing: list[str]) -> None:
    problem = config_error(auth)
    assert problem is not None and problem.missing == missing
    assert ", ".join(missing) in problem.message("en")


def test_complete_or_absent_auth_is_no_error() -> None:
    assert config_error(COMPLETE) is None
    assert config_error(None) is None
    assert config_error({}) is None


def test_app_with_broken_auth_opens_no_page_and_no_local_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = without("client_secret", client_secret="")
    at.run()
    assert not at.exception
    message = (
        "The app will not start: the sign-in settings ([auth] in .streamlit/secrets.toml) are "
        "incomplete. Missing or empty: [auth] client_secret."
    )
    [error] = [e.value for e in at.error]
    assert message in error and "Sovellus ei käynnisty" in error  # both languages
    assert "role" not in at.session_state
    assert not at.title  # no page ran, not even sign-in
    assert t("signin.local_mode", "fi") not in [c.value for c in at.sidebar.caption]


def test_preflight_refuses_to_start(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "https://x/oauth2callback"\n', encoding="utf-8")
    assert preflight.main([broken]) == 1
    err = capsys.readouterr().err
    assert "Sovellus ei käynnisty" in err and "The app will not start" in err
    assert "[auth] cookie_secret" in err
    fine = tmp_path / "fine.toml"
    fine.write_text("[other]\nx = 1\n", encoding="utf-8")
    assert preflight.main([fine, tmp_path / "absent.toml"]) == 0


def test_app_listens_on_localhost_unless_the_operator_says_otherwise() -> None:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        assert tomllib.load(fh)["server"]["address"] == "localhost"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ADDRESS ?= localhost" in makefile
    assert "$(BIN)/python -m auth.preflight" in makefile
    assert "--server.address $(ADDRESS)" in makefile
