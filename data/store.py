"""Where the database lives and how a process opens it.

One DuckDB file per installation. A process opens it once (``open_db``); callers take a
cursor per query (``con.cursor()``) so threads never share a cursor.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

from data.schema import SCHEMA_VERSION, migrate
from data.survey_catalogue import seed as seed_catalogue

DEFAULT_DB_NAME = "klusterimittari.duckdb"
DEFAULT_CLUSTER = "default"

# Serialises writers inside one process (the app); DuckDB itself keeps other processes out.
WRITE_LOCK = threading.Lock()


def default_db_path() -> Path:
    """``$KLUSTERIMITTARI_DB``, else ``klusterimittari.duckdb`` in the working directory."""
    return Path(os.environ.get("KLUSTERIMITTARI_DB") or DEFAULT_DB_NAME)


def open_db(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create or upgrade) the database at ``path``."""
    db_path = Path(path) if path is not None else default_db_path()
    if read_only:
        return duckdb.connect(str(db_path), read_only=True)
    if db_path.parent and not db_path.parent.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    prepare(con)
    return con


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


def ensure_cluster(con: duckdb.DuckDBPyConnection, cluster_id: str, name: str | None = None) -> None:
    """Create the cluster row if it does not exist yet."""
    con.execute(
        "INSERT INTO cluster (cluster_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [cluster_id, name or cluster_id],
    )
