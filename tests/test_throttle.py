"""Sign-in throttling: 50 wrong passwords cost hours, not seconds; argon2 runs outside the lock.

Before the fix, 50 wrong passwords went through at about 9 per second and the right one then
signed in; the argon2 check ran while holding the write lock, so sign-ins queued behind imports.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from auth import accounts, throttle
from auth.accounts import add_user, verify
from auth.throttle import Throttle
from data.store import WRITE_LOCK, open_db
from i18n import t

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "oikea-salasana-1"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def attack(gate: Throttle, clock: Clock, attempts: int, account: str, address: str) -> float:
    """Seconds an attacker needs for ``attempts`` checked wrong passwords, trying each one as
    soon as the throttle lets it through."""
    start = clock.now
    for _ in range(attempts):
        clock.now += gate.wait_s(account, address)
        assert gate.wait_s(account, address) == 0
        gate.failed(account, address)
    return clock.now - start


def test_fifty_wrong_passwords_take_hours() -> None:
    clock = Clock()
    gate = Throttle(clock)
    # Three free failures, then waits of 1, 2, 4, ... 256 s (failures 3-11) and 300 s for each
    # of failures 12-49 before attempt 50: 511 + 38 * 300 = 11,911 s.
    assert attack(gate, clock, 50, "anna", "203.0.113.5") == 11_911


def test_account_and_address_are_throttled_separately() -> None:
    clock = Clock()
    gate = Throttle(clock)
    attack(gate, clock, 5, "anna", "203.0.113.5")  # wait now 4 s for both keys
    assert gate.wait_s("anna", "198.51.100.7") == 4  # the same account from elsewhere
    assert gate.wait_s("ANNA ", None) == 4  # names compare case-insensitively
    assert gate.wait_s("pekka", "203.0.113.5") == 4  # another account from the same address
    assert gate.wait_s("pekka", "198.51.100.7") == 0
    clock.now += 4
    gate.succeeded("anna", "203.0.113.5")
    assert gate.wait_s("anna", "203.0.113.5") == 0


def test_invented_names_cannot_grow_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "MAX_KEYS", 100)
    gate = Throttle(Clock())
    for i in range(1000):
        gate.failed(f"name-{i}", None)
    assert len(gate._seen) == 100


def test_argon2_runs_outside_the_write_lock(con: duckdb.DuckDBPyConnection, monkeypatch) -> None:
    add_user(con, "anna", "manager", PASSWORD)
    held: list[bool] = []
    real = accounts._HASHER

    class Watching:
        def verify(self, stored: str, password: str) -> bool:
            held.append(WRITE_LOCK.locked())
            return real.verify(stored, password)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    monkeypatch.setattr(accounts, "_HASHER", Watching())
    assert verify(con, "anna", PASSWORD) == "manager"
    assert verify(con, "anna", "väärä") is None
    assert held == [False, False]


def test_app_refuses_even_the_right_password_while_throttled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "app.duckdb"
    con = open_db(db)
    add_user(con, "anna", "manager", PASSWORD)
    con.close()
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(db))
    monkeypatch.setattr(throttle, "FIRST_WAIT_S", 60.0)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()

    def attempt(password: str) -> list[str]:
        at.text_input(key="sign_in_name").set_value("anna")
        at.text_input(key="sign_in_password").set_value(password)
        next(b for b in at.button if b.label == t("signin.submit", "fi")).click()
        at.run()
        assert not at.exception
        return [e.value for e in at.error]

    for _ in range(throttle.FREE_FAILURES):
        assert attempt("väärä salasana") == [t("signin.failed", "fi")]
    assert attempt(PASSWORD) == [t("signin.throttled", "fi", seconds=60)]
    assert "role" not in at.session_state
