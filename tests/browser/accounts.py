"""Two local accounts, a manager and a board member, for the sign-in tests (in the browser and
in AppTest)."""

from __future__ import annotations

from pathlib import Path

from auth.accounts import add_user
from data.store import open_db

MANAGER, BOARD = ("anna", "kahvi-ja-pulla-2025"), ("bertta", "tee-ja-keksi-2025")


def with_accounts(path: Path) -> Path:
    """Create the database ``path`` holding the manager and the board account; ``path``."""
    con = open_db(path)
    try:
        add_user(con, MANAGER[0], "manager", MANAGER[1])
        add_user(con, BOARD[0], "board", BOARD[1])
    finally:
        con.close()
    return path
