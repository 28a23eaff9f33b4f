"""Backup and restore of the whole installation as one zip file.

A backup is a consistent snapshot taken with DuckDB's ``COPY FROM DATABASE`` into a fresh
database file: the copy runs in one transaction, so it sees either all or none of any import
(writers are not blocked and a half-done import is never copied), and the result is an exact
DuckDB database (tables, views, sequence positions) that restore only has to put in place.
A plain file copy would need every writer stopped and a checkpoint first, and ``EXPORT
DATABASE`` would go through CSV and rebuild the schema on restore.

A backup file comes from outside the program and may have been edited, so restore trusts
nothing in it but rows: it opens the copy with file access off, checks that its tables and
columns are exactly the program's schema of its version (no other tables, schemas, macros or
functions), and drops every view and creates the program's own in its place (an edited view
could otherwise read files and serve them as data).

The zip holds ``manifest.json``, ``klusterimittari.duckdb`` and, only when asked for,
``pseudonym.key``: the key that links person hashes in new attendance lists to stored ones.
Anyone holding the key can test guessed names against the hashes, so a backup with the key
must be kept as secret as the key itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data.pseudonym import key_path, write_key
from data.schema import MIGRATIONS, SCHEMA_VERSION, current_version
from data.sqlfunc import sql_name
from data.store import DatabaseBusy, db_file, open_db
from i18n.errors import LocalisedError

FORMAT = "klusterimittari-backup"
FORMAT_VERSION = 1
MANIFEST, DATABASE, KEY = "manifest.json", "klusterimittari.duckdb", "pseudonym.key"
_ALIAS = "km_backup_target"


class BackupError(LocalisedError):
    """A refused backup or restore; ``message(lang)`` says why."""

    prefix = "access.backup."


@dataclass(frozen=True)
class Restored:
    """What a restore put in place."""

    db_path: Path
    schema_version: int
    key_path: Path | None  # where the backup's key was written; None = backup had none


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup(
    con: duckdb.DuckDBPyConnection, out: Path, *, with_key: bool = False, force: bool = False
) -> Path:
    """Write a snapshot of the database behind ``con`` to the zip file ``out``."""
    out = Path(out)
    if out.exists() and not force:
        raise BackupError("exists", path=out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".km-backup-") as tmp:
        snapshot = Path(tmp) / DATABASE
        cur = con.cursor()
        try:
            source = cur.execute("SELECT current_database()").fetchone()[0]
            cur.execute(f"ATTACH '{snapshot.as_posix()}' AS {_ALIAS}")
            try:
                cur.execute(f"COPY FROM DATABASE {sql_name(source)} TO {_ALIAS}")
                version = current_version(cur)
            finally:
                cur.execute(f"DETACH {_ALIAS}")
            key = key_path(db_file(cur)) if with_key else None
        finally:
            cur.close()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": version,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database_sha256": _sha256(snapshot),
            "with_key": key is not None,
        }
        partial = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
            zf.write(snapshot, DATABASE)
            if key is not None:
                zf.writestr(KEY, key.read_text().strip())
        os.replace(partial, out)
    return out


def _read_manifest(zf: zipfile.ZipFile, source: Path) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST))
        names = set(zf.namelist())
    except (KeyError, ValueError):
        raise BackupError("invalid", path=source, reason=MANIFEST) from None
    if manifest.get("format") != FORMAT or DATABASE not in names:
        raise BackupError("invalid", path=source, reason=FORMAT)
    if manifest.get("with_key") and KEY not in names:
        raise BackupError("invalid", path=source, reason=KEY)
    found = int(manifest.get("schema_version", 0))
    if found > SCHEMA_VERSION:
        raise BackupError("newer", found=found, supported=SCHEMA_VERSION)
    return manifest


def _ensure_not_in_use(db_path: Path) -> None:
    """DatabaseBusy when another process holds ``db_path`` (replacing it would pull the
    file from under that process)."""
    try:
        duckdb.connect(str(db_path), read_only=True).close()
    except duckdb.IOException as exc:
        if "Could not set lock" in str(exc):
            raise DatabaseBusy(db_path) from exc


# What a database of the program holds besides rows, as the catalogue lists it.
_TABLE_COLUMNS = """
    SELECT table_name, column_index, column_name, data_type, column_default, is_nullable
    FROM duckdb_columns() c WHERE NOT internal AND schema_name = 'main'
      AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE NOT internal)
    ORDER BY ALL"""
_OTHER_OBJECTS = """
    SELECT 'schema ' || schema_name FROM duckdb_schemas()
        WHERE NOT internal AND schema_name <> 'main'
    UNION ALL SELECT 'function ' || function_name FROM duckdb_functions() WHERE NOT internal
    UNION ALL SELECT 'table ' || schema_name || '.' || table_name FROM duckdb_tables()
        WHERE NOT internal AND (schema_name <> 'main' OR temporary)"""
# The program's views in creation order.
_VIEWS = "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY view_oid"


def _schema_of(version: int) -> tuple[list[tuple], list[tuple[str, str]]]:
    """The tables and columns, and the views (name, SQL), of the program's schema ``version``."""
    con = duckdb.connect(":memory:")
    try:
        for step in range(1, version + 1):
            con.execute(MIGRATIONS[step])
        return con.execute(_TABLE_COLUMNS).fetchall(), con.execute(_VIEWS).fetchall()
    finally:
        con.close()


def _own_schema(staged: Path, version: int, source: Path) -> None:
    """Check the staged copy holds the program's tables of ``version`` and nothing else, and
    replace its views by the program's own (BackupError when it differs)."""
    if version < 1 or version not in MIGRATIONS:
        raise BackupError("invalid", path=source, reason="schema_version")
    columns, views = _schema_of(version)
    con = duckdb.connect(
        str(staged),
        config={
            "enable_external_access": False,
            "python_enable_replacements": False,
            "autoload_known_extensions": False,
        },
    )
    try:
        extra = [row[0] for row in con.execute(_OTHER_OBJECTS).fetchall()]
        if extra:
            raise BackupError("invalid", path=source, reason=f"schema: {', '.join(extra[:5])}")
        for (name,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall():
            con.execute(f"DROP VIEW {sql_name(name)}")
        if con.execute(_TABLE_COLUMNS).fetchall() != columns:
            raise BackupError("invalid", path=source, reason="schema: tables or columns")
        found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if found is None or found[0] != str(version):
            raise BackupError("invalid", path=source, reason="schema_version")
        for _, sql in views:
            con.execute(sql)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def restore_backup(source: Path, db_path: Path, *, force: bool = False) -> Restored:
    """Put the backup ``source`` in place as the database ``db_path`` (and its key, if the
    backup has one); refuses to replace an existing database or a different key without
    ``force``. The restored database is upgraded to this program's schema."""
    source, db_path = Path(source), Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        zf = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile):
        raise BackupError("invalid", path=source, reason="zip") from None
    with zf, tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".km-restore-") as tmp:
        manifest = _read_manifest(zf, source)
        target_key = key_path(db_path)
        key_text = zf.read(KEY).decode().strip() if manifest.get("with_key") else None
        wal = db_path.with_name(db_path.name + ".wal")
        if not force:
            if db_path.exists() or wal.exists():
                raise BackupError("exists", path=db_path)
            if key_text and target_key.exists() and target_key.read_text().strip() != key_text:
                raise BackupError("exists", path=target_key)
        if db_path.exists():
            _ensure_not_in_use(db_path)
        staged = Path(tmp) / DATABASE
        with zf.open(DATABASE) as src, staged.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        if _sha256(staged) != manifest.get("database_sha256"):
            raise BackupError("invalid", path=source, reason="sha256")
        _own_schema(staged, int(manifest.get("schema_version", 0)), source)
        con = open_db(staged, wait_s=0)
        try:
            version = current_version(con)
        finally:
            con.close()
        wal.unlink(missing_ok=True)
        os.replace(staged, db_path)
    if key_text is None:
        return Restored(db_path, version, None)
    write_key(target_key, key_text, replace=True)
    return Restored(db_path, version, target_key)
