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


EVENTS = [["Nimi", "Päivämäärä"], ["Seminaari", "1.2.2024"]]


def _import_watching_the_limit(tmp_path: Path) -> tuple[str, set[str], str, str]:
    """(limit before, limits seen while the import loads, limit after, status)."""
    from data.importer import import_file
    from tests.import_helpers import workbook

    con = open_db(tmp_path / "km.duckdb")
    path = workbook(tmp_path / "tapahtumat.xlsx", {"Tapahtumat": EVENTS})

    def limit() -> str:
        return con.cursor().execute("SELECT current_setting('memory_limit')").fetchone()[0]

    before, seen = limit(), set()
    try:
        report = import_file(con, path, progress=lambda share, _text: seen.add(limit()))
        return before, seen, limit(), report.status
    finally:
        con.close()


def test_a_large_upload_imports_under_a_lower_limit_then_puts_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.importer

    monkeypatch.setattr(data.importer, "LARGE_FILE_BYTES", 0)  # this small file counts as large
    before, seen, after, status = _import_watching_the_limit(tmp_path)
    # 256 MB = 244.1 MiB, as DuckDB reports it.
    assert (before, seen, after, status) == ("476.8 MiB", {"244.1 MiB"}, "476.8 MiB", "loaded")


def test_a_small_upload_and_an_operators_limit_keep_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _import_watching_the_limit(tmp_path / "small")[:3] == (
        "476.8 MiB", {"476.8 MiB"}, "476.8 MiB"
    )  # fmt: skip
    import data.importer

    monkeypatch.setattr(data.importer, "LARGE_FILE_BYTES", 0)
    monkeypatch.setenv("KLUSTERIMITTARI_MEMORY_LIMIT", "2GiB")
    assert _import_watching_the_limit(tmp_path / "operator")[:3] == (
        "2.0 GiB", {"2.0 GiB"}, "2.0 GiB"
    )  # fmt: skip
