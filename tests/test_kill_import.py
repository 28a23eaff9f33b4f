"""An import killed at any point (SIGKILL) leaves the database as it was before that import."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bench.generate import attendance_workbook, members_workbook
from data.importer import import_file, undo_import
from data.kinds import TABLES
from data.store import open_db

ROOT = Path(__file__).resolve().parents[1]
ROWS = 40_000
MEMBERS = 40
# Kill after the import reports this progress share (read, check, load, before commit),
# then a random extra delay: every stage gets hit, the load transaction twice.
KILL_AFTER = (0.05, 0.3, 0.6, 0.6, 0.95)
MAX_DELAY_S = 0.4

CHILD = """
import sys
from pathlib import Path
from data.importer import import_file, undo_import
from data.store import open_db
con = open_db(sys.argv[1])
print("open", flush=True)
report = import_file(con, Path(sys.argv[2]), progress=lambda share, _: print(share, flush=True))
print(report.status, flush=True)
con.close()
"""


def _progress(line: str) -> float | None:
    try:
        return float(line)
    except ValueError:
        return None


def _import_and_kill(db: Path, file: Path, after: float, delay: float) -> float | None:
    """Run an import in a child process group and SIGKILL it ``delay`` seconds after its
    progress reaches ``after``; the progress it had reported (None if it never got there)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    reached = None
    try:
        for line in child.stdout:
            share = _progress(line.strip())
            if share is not None and share >= after:
                reached = share
                time.sleep(delay)
                break
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
    return reached


def _check_consistent(con: duckdb.DuckDBPyConnection, context: str) -> int:
    """Every stored row belongs to a loaded import whose counts match; the members are
    untouched. Returns the participation rows stored (0 or the whole file)."""
    for table in (table.name for table in TABLES):
        orphans = con.execute(
            f"SELECT count(*) FROM {table} WHERE import_id NOT IN "
            "(SELECT import_id FROM import_log WHERE status = 'loaded')"
        ).fetchone()[0]
        assert orphans == 0, (context, table)
        con.execute(f"SELECT * FROM {table}").fetchall()  # every block readable
    mismatched = con.execute("""
        SELECT l.import_id FROM import_log l
        LEFT JOIN (SELECT import_id,
            count(*) AS n FROM participation GROUP BY 1) p USING (import_id)
        WHERE l.status = 'loaded' AND l.kinds = 'participants' AND coalesce(p.n, 0) <> l.rows_loaded
    """).fetchall()
    assert mismatched == [], context
    assert con.execute("SELECT count(*) FROM v_member").fetchone()[0] == MEMBERS, context
    stored = con.execute("SELECT count(*) FROM participation").fetchone()[0]
    assert stored in (0, ROWS), (context, stored)
    return stored


def _loaded_participants(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(
        "SELECT import_id FROM import_log WHERE status = 'loaded' AND kinds = 'participants'"
    ).fetchone()[0]


@pytest.mark.slow
def test_killed_imports_leave_the_database_consistent(tmp_path: Path) -> None:
    seed = random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    db = tmp_path / "klusteri.duckdb"
    members = members_workbook(tmp_path / "jasenet.xlsx", MEMBERS)
    big = attendance_workbook(tmp_path / "osallistujat.xlsx", ROWS, events=50, orgs=500)
    con = open_db(db)
    assert import_file(con, members).status == "loaded"
    con.close()
    for after in KILL_AFTER:
        delay = rng.uniform(0, MAX_DELAY_S)
        reached = _import_and_kill(db, big, after, delay)
        context = f"seed {seed}: killed {delay:.2f} s after progress {reached} (aimed {after})"
        assert reached is not None, context
        con = open_db(db)
        try:
            if _check_consistent(con, context) == ROWS:
                # The kill came after the commit: undo, so the next attempt starts from the
                # state before the import again (a re-import would be a no-op and never
                # reach the stage it is meant to be killed in).
                undo_import(con, _loaded_participants(con))
                assert _check_consistent(con, context + " after undo") == 0
        finally:
            con.close()
    con = open_db(db)
    try:
        report = import_file(con, big)
        assert report.status == "loaded", seed
        assert _check_consistent(con, f"seed {seed}: after the final import") == ROWS
        assert con.execute("SELECT count(*) FROM v_event").fetchone()[0] == 50
    finally:
        con.close()
