"""The database's memory cap: imports of large workbooks spill to disk instead of growing
the process past it (docs/benchmarks.md, "Profiling and fixes")."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.store import open_db


def _limit(path: Path, read_only: bool = False) -> str:
    con = open_db(path, read_only=read_only)
    try:
        return con.cursor().execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        con.close()


def test_open_db_caps_memory_at_500_mb(tmp_path: Path) -> None:
    db = tmp_path / "km.duckdb"
    # 500 MB = 500,000,000 bytes = 476.8 MiB, as DuckDB reports it.
    assert _limit(db) == "476.8 MiB"
    assert _limit(db, read_only=True) == "476.8 MiB"


def test_the_cap_can_be_changed_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLUSTERIMITTARI_MEMORY_LIMIT", "2GiB")
    assert _limit(tmp_path / "km.duckdb") == "2.0 GiB"
