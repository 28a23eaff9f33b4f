"""Where the database lives and how a process opens it.

One DuckDB file per installation. A process opens it once (``open_db``); callers take a
cursor per query (``con.cursor()``) so threads never share a cursor.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from data.schema import SCHEMA_VERSION, migrate
from data.survey_catalogue import seed as seed_catalogue
from i18n import t
from i18n.errors import LocalisedError

DEFAULT_DB_NAME = "klusterimittari.duckdb"
DEFAULT_CLUSTER = "default"

# Serialises writers inside one process (the app); DuckDB itself keeps other processes out.
WRITE_LOCK = threading.Lock()
# How long ``open_db`` waits for another process to release the database file.
BUSY_WAIT_S = 5.0
# DuckDB's own default memory limit is 80 % of RAM, so it never spills: importing a 50 MB
# workbook then held every staged table in memory (1.4 GiB). With a cap, large imports spill
# to ``<database>.tmp`` instead; nothing the app does needs more. ``$KLUSTERIMITTARI_MEMORY_LIMIT``
# (a DuckDB size such as ``2GB``) overrides it. Spilled staging tables hold the clear names
# and e-mails of an attendance list before they are hashed, so that folder is private (0700)
# and emptied at every open (``private_folder``), and an import removes it when its process is
# killed (``data.janitor``).
DEFAULT_MEMORY_LIMIT = "500MB"
# While a large file imports (``data.importer``), DuckDB spills sooner still: the parsed sheets
# are in memory beside the staging tables, and a 50 MB workbook must import on a laptop in
# about 600 MiB all told. Not when ``$KLUSTERIMITTARI_MEMORY_LIMIT`` says otherwise.
LARGE_IMPORT_MEMORY_LIMIT = "256MB"
_FILE_HEADERS = 3 * 4096  # DuckDB's main and two database headers before the first block


class DatabaseBusy(LocalisedError):
    """Another process (the app, another import) holds the database file; try again later."""

    def __init__(self, path: Path) -> None:
        super().__init__("access.db.busy", path=path)


class WriteFailed(LocalisedError):
    """The database could not be written (disk full, I/O error); the transaction was rolled
    back, so nothing of it was saved."""

    def __init__(self, reason: str, disk_full: bool) -> None:
        super().__init__("database.write_failed", reason=reason, disk_full=disk_full)

    @property
    def reason(self) -> str:
        return str(self.fields["reason"])

    @property
    def disk_full(self) -> bool:
        return bool(self.fields["disk_full"])

    def message(self, lang: str = "fi") -> str:
        """The failure in ``lang``; a full disk is said in words."""
        reason = t("database.disk_full", lang) if self.disk_full else self.reason
        return t(self.key, lang, reason=reason)


_IO_SIGNS = ("No space left on device", "Could not write", "Failed to commit", "I/O Error")


def _write_failure(exc: BaseException) -> WriteFailed | None:
    """``exc`` as a WriteFailed when it is a storage failure, else None."""
    text = str(exc)
    lines = text.strip().splitlines()
    reason = lines[0][:300] if lines else type(exc).__name__
    full = "No space left on device" in text or getattr(exc, "errno", None) == errno.ENOSPC
    if isinstance(exc, (duckdb.IOException, OSError)) or full or any(s in text for s in _IO_SIGNS):
        return WriteFailed(reason, full)
    return None


@contextmanager
def import_memory_limit(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB's memory limit lowered to ``LARGE_IMPORT_MEMORY_LIMIT`` for the block, then put
    back. The limit is the database's: queries of other sessions meanwhile share it (they
    spill, they do not fail)."""
    if os.environ.get("KLUSTERIMITTARI_MEMORY_LIMIT"):
        yield
        return
    _set_memory_limit(con, LARGE_IMPORT_MEMORY_LIMIT)
    try:
        yield
    finally:
        _set_memory_limit(con, DEFAULT_MEMORY_LIMIT)


def _set_memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> None:
    cur = con.cursor()
    try:
        cur.execute("SET memory_limit = ?", [limit])
    finally:
        cur.close()


@contextmanager
def write_transaction(
    con: duckdb.DuckDBPyConnection, *, same_connection: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way to write: under ``WRITE_LOCK``, one transaction, committed when the block
    ends and rolled back on any error, so a reader never sees half of it.

    Yields a new cursor of ``con`` (closed afterwards), or ``con`` itself with
    ``same_connection`` (the importer: its staged temp tables live on that connection). A
    storage failure (disk full, I/O error) at any point, the commit included, raises
    WriteFailed with nothing saved.
    """
    with WRITE_LOCK:
        cur = con if same_connection else con.cursor()
        try:
            cur.begin()
            try:
                yield cur
                cur.commit()
            except BaseException as exc:
                _rollback(cur)
                failure = _write_failure(exc)
                if failure is not None:
                    raise failure from exc
                raise
        finally:
            if not same_connection:
                cur.close()


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT has already ended it)."""
    try:
        cur.rollback()
    except duckdb.Error:
        pass


def default_db_path() -> Path:
    """``$KLUSTERIMITTARI_DB``, else ``klusterimittari.duckdb`` in the working directory."""
    return Path(os.environ.get("KLUSTERIMITTARI_DB") or DEFAULT_DB_NAME)


def open_db(
    path: str | Path | None = None, read_only: bool = False, wait_s: float | None = None
) -> duckdb.DuckDBPyConnection:
    """Open (and create or upgrade) the database at ``path``.

    DuckDB lets one process at a time hold a database file; while another does, this retries
    for ``wait_s`` seconds (default ``BUSY_WAIT_S``) and then raises DatabaseBusy.
    """
    db_path = Path(path) if path is not None else default_db_path()
    wait_s = BUSY_WAIT_S if wait_s is None else wait_s
    if not read_only and db_path.parent and not db_path.parent.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(db_path, read_only, wait_s)
    con.execute(
        "SET memory_limit = ?",
        [os.environ.get("KLUSTERIMITTARI_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT],
    )
    if not read_only:
        # Holding the file lock now, this process is the only one that uses the folder.
        con.execute("SET temp_directory = ?", [str(private_folder(temp_dir(db_path)))])
        prepare(con)
        _give_back_free_blocks(con, db_path)
    return con


def _give_back_free_blocks(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Shrink the file when it is larger than the blocks the database uses, as after an import
    killed before its commit (its row groups were already written; DuckDB would reuse the space
    but keep the file at its largest). A checkpoint truncates the file, but only one that has
    something to write, hence the empty table."""
    blocks, block_size = con.execute(
        "SELECT total_blocks, block_size FROM pragma_database_size() "
        "WHERE database_name = current_database()"
    ).fetchone()
    if db_path.stat().st_size > blocks * block_size + _FILE_HEADERS:
        con.execute("CREATE TABLE km_checkpoint_marker (x INTEGER)")
        con.execute("DROP TABLE km_checkpoint_marker")
        con.execute("CHECKPOINT")


def temp_dir(db_path: Path) -> Path:
    """Where DuckDB spills for the database at ``db_path`` (its default name)."""
    return db_path.with_name(db_path.name + ".tmp")


def private_folder(folder: Path) -> Path:
    """``folder`` as a private (0700) folder of this user, emptied of what an earlier process
    left (OSError when it is a link or someone else's)."""
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.is_symlink() or folder.stat().st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a private folder of this user")
    folder.chmod(0o700)
    for leftover in folder.iterdir():
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    return folder


def _connect(db_path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only)
        except duckdb.IOException as exc:
            if "Could not set lock" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(db_path) from exc
            time.sleep(0.2)


def memory_db() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the full schema (tests, benchmarks)."""
    con = duckdb.connect(":memory:")
    prepare(con)
    return con


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Upgrade the schema and refresh the survey catalogue."""
    if migrate(con) != SCHEMA_VERSION:
        seed_catalogue(con)


def db_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection, or None for an in-memory database."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]) if row and row[0] else None


def ensure_cluster(
    con: duckdb.DuckDBPyConnection, cluster_id: str, name: str | None = None
) -> None:
    """Create the cluster row if it does not exist yet."""
    con.execute(
        "INSERT INTO cluster (cluster_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [cluster_id, name or cluster_id],
    )
