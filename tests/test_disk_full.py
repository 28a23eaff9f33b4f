"""An import that meets a full disk is rejected with a clear message, logged, and loads nothing.

The database lives on a small tmpfs (mounting needs root; the test is skipped with the reason
where mounting is not allowed). Before the fix, DuckDB's "No space left on device" at COMMIT
was followed by "cannot rollback" and a raw traceback, with no import-log row.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from bench.generate import attendance_workbook
from data.importer import import_file
from data.store import WriteFailed, open_db, write_transaction


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip() or 'not allowed'}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture(scope="module")
def big_attendance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40,000 attendance rows: more than a 4 MB disk holds once loaded."""
    return attendance_workbook(tmp_path_factory.mktemp("att") / "osallistujat.xlsx", 40_000)


@pytest.mark.slow
def test_full_disk_import_is_rejected_cleanly_and_logged(
    small_disk: Path, big_attendance: Path
) -> None:
    db = small_disk / "klusteri.duckdb"
    con = open_db(db)
    try:
        report = import_file(con, big_attendance, user="koordinaattori")
        assert report.status == "rejected"
        assert report.message == "data.file.disk_full"
        assert report.summary("en").startswith("The file was not saved because the disk is full")
        assert report.summary("fi").startswith("Tiedostoa ei tallennettu, koska levy on täynnä")
        # Nothing half-loaded; the attempt is in the import log.
        assert con.execute("SELECT count(*) FROM participation").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM event").fetchone() == (0,)
        assert con.execute("SELECT file_name, status FROM import_log").fetchall() == [
            ("osallistujat.xlsx", "rejected")
        ]
    finally:
        con.close()
    # Opened again (the write-ahead log replayed), the database still holds no rows of it.
    con = open_db(db)
    try:
        assert con.execute("SELECT count(*) FROM participation").fetchone() == (0,)
    finally:
        con.close()


def test_write_transaction_turns_storage_errors_into_write_failed(small_disk: Path) -> None:
    con = duckdb.connect(str(small_disk / "t.duckdb"))
    try:
        con.execute("CREATE TABLE big (x VARCHAR)")
        with pytest.raises(WriteFailed) as caught, write_transaction(con) as cur:
            cur.execute("INSERT INTO big SELECT repeat('x', 1000) || i FROM range(20000) t(i)")
        assert caught.value.disk_full
        assert caught.value.message("en").startswith("Could not write to the database (the disk")
        assert con.execute("SELECT count(*) FROM big").fetchone() == (0,)
    finally:
        con.close()


def test_write_transaction_rolls_back_other_errors_unchanged() -> None:
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(ZeroDivisionError), write_transaction(con) as cur:
        cur.execute("INSERT INTO t VALUES (1)")
        raise ZeroDivisionError
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)
    with write_transaction(con) as cur:
        cur.execute("INSERT INTO t VALUES (2)")
    assert con.execute("SELECT x FROM t").fetchall() == [(2,)]
