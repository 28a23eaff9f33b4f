"""Many readers computing indicators while imports run in one process; a second process is
told the database is busy."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bench.generate import attendance_workbook, members_workbook
from cli.main import main
from data.importer import import_file
from data.store import DatabaseBusy, memory_db, open_db
from indicators.compute import compute
from indicators.registry import built_in

READERS = 8
# Attendance lists imported while the readers run: (rows, seed); two importing threads.
LISTS = ((1200, 11), (1500, 12), (900, 13), (1300, 14))

# What a reader sees in one statement: rows stored per import (effective or replaced by a
# later list) next to what the import log says.
SNAPSHOT_SQL = """
    SELECT p.import_id, p.rows, l.status, l.rows_loaded
    FROM (SELECT import_id, count(*) AS rows FROM participation GROUP BY import_id) p
    LEFT JOIN import_log l USING (import_id)
    ORDER BY p.import_id
"""
# The end state that must not depend on how the imports interleaved.
RESULT_SQL = """
    SELECT (SELECT count(*) FROM v_participation), (SELECT count(*) FROM v_event),
           (SELECT count(*) FROM v_org), (SELECT count(*) FROM v_member)
"""


def _sequential_result(files: list[Path]) -> tuple[tuple, list]:
    """RESULT_SQL and every indicator after importing ``files`` one by one into a fresh
    database."""
    con = memory_db()
    try:
        for file in files:
            assert import_file(con, file).status == "loaded"
        return con.execute(RESULT_SQL).fetchone(), compute(con, built_in())
    finally:
        con.close()


@pytest.mark.slow
def test_readers_never_see_a_half_imported_file(tmp_path: Path) -> None:
    members = members_workbook(tmp_path / "jasenet.xlsx", 40)
    lists = [
        attendance_workbook(
            tmp_path / f"osallistujat_{seed}.xlsx", rows, events=10, orgs=60, seed=seed
        )
        for rows, seed in LISTS
    ]
    full_sizes = {rows for rows, _ in LISTS}
    con = open_db(tmp_path / "klusteri.duckdb")  # the app's one connection
    assert import_file(con, members).status == "loaded"
    codes = {r.code for r in compute(con, built_in())}
    errors: list[BaseException] = []
    seen: list[list[tuple]] = []
    reports = []
    writers_done = threading.Event()

    def read() -> None:
        cur = con.cursor()
        try:
            while not writers_done.is_set():
                snapshot = cur.execute(SNAPSHOT_SQL).fetchall()
                for import_id, rows, status, rows_loaded in snapshot:
                    assert status == "loaded" and rows == rows_loaded, (import_id, rows, status)
                    assert rows in full_sizes, (import_id, rows)
                members = cur.execute("SELECT count(*) FROM v_member").fetchone()[0]
                assert members == 40, members
                results = compute(cur, built_in())
                assert {r.code for r in results} == codes
                seen.append(snapshot)
        except BaseException as exc:  # noqa: BLE001 - collected and re-raised in the test
            errors.append(exc)
        finally:
            cur.close()

    def write(files: list[Path]) -> None:
        try:
            reports.extend(import_file(con, file, user="manager") for file in files)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(READERS)]
    writers = [threading.Thread(target=write, args=(lists[i::2],)) for i in range(2)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    for thread in readers:
        thread.join()
    assert errors == []
    assert sorted(r.status for r in reports) == ["loaded"] * len(LISTS)
    assert len({len(s) for s in seen}) > 1, "readers saw the imports arrive"
    final = con.execute(SNAPSHOT_SQL).fetchall()
    assert sorted(rows for _, rows, _, _ in final) == sorted(full_sizes)
    result, indicators = con.execute(RESULT_SQL).fetchone(), compute(con, built_in())
    order = [
        name
        for (name,) in con.execute("SELECT file_name FROM import_log ORDER BY import_id").fetchall()
    ]
    con.close()
    assert (result, indicators) == _sequential_result([tmp_path / name for name in order])
    assert result[1:] == (10, 60, 40)


@pytest.fixture
def held_elsewhere(db_path: Path):
    """The database file held open by another process until the test closes its stdin."""
    open_db(db_path).close()
    code = (
        f"import duckdb, sys\ncon = duckdb.connect({str(db_path)!r})\n"
        "print('ready', flush=True)\nsys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "ready"
    yield holder
    if holder.poll() is None:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_second_process_is_told_the_database_is_busy(
    db_path: Path,
    held_elsewhere: subprocess.Popen,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(DatabaseBusy) as info:
        open_db(db_path, wait_s=0.3)
    assert "is in use by another program" in info.value.message("en")
    assert "on toisen ohjelman käytössä" in info.value.message("fi")
    with pytest.raises(DatabaseBusy):
        open_db(db_path, read_only=True, wait_s=0)
    monkeypatch.setattr("cli.main.COMMAND_MODULES", ("cli.cmd_user",))
    monkeypatch.setattr("data.store.BUSY_WAIT_S", 0.0)
    assert main(["user", "list", "--db", str(db_path), "--lang", "en"]) == 1
    assert "is in use by another program" in capsys.readouterr().err


def test_a_waiting_process_gets_the_database_once_it_is_free(
    db_path: Path, held_elsewhere: subprocess.Popen
) -> None:
    release = threading.Timer(0.5, held_elsewhere.stdin.close)
    release.start()
    con = open_db(db_path, wait_s=60)
    try:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
        release.join()
