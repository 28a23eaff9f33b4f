"""An edited backup cannot make the restored database read files or run its own code.

Before the fix, ``restore`` trusted a backup's view definitions when its schema version was
current: a backup whose ``v_event`` read ``read_text('/etc/hostname')`` served that text as
event titles. The attacker here rewrites the database inside the zip and recomputes the
manifest's checksum, as anyone holding the file can.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import duckdb
import pytest

from data.backup import DATABASE, MANIFEST, BackupError, restore_backup, write_backup
from data.store import ensure_cluster, open_db

SECRET = "SALAISUUS-hostname-5521"


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    db = tmp_path / "live" / "klusteri.duckdb"
    con = open_db(db)
    ensure_cluster(con, "default")
    con.execute(
        "INSERT INTO event (cluster_id, event_key, import_id, title, date) "
        "VALUES ('default', 1, 1, 'Kevätseminaari', DATE '2024-03-01')"
    )
    write_backup(con, tmp_path / "backup.zip")
    con.close()
    return tmp_path / "backup.zip"


def tamper(backup: Path, tmp_path: Path, *statements: str) -> Path:
    """The backup with ``statements`` run on its database and the checksum made to match."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    with zipfile.ZipFile(backup) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        zf.extract(DATABASE, work)
    con = duckdb.connect(str(work / DATABASE))
    for statement in statements:
        con.execute(statement)
    con.execute("CHECKPOINT")
    con.close()
    data = (work / DATABASE).read_bytes()
    manifest["database_sha256"] = hashlib.sha256(data).hexdigest()
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr(MANIFEST, json.dumps(manifest))
        zf.writestr(DATABASE, data)
    return evil


def test_restored_views_are_the_programs_own(backup: Path, tmp_path: Path) -> None:
    secret = tmp_path / "hostname"
    secret.write_text(SECRET, encoding="utf-8")
    evil = tamper(
        backup,
        tmp_path,
        f"""CREATE OR REPLACE VIEW v_event AS
            SELECT e.* REPLACE ((SELECT content FROM read_text('{secret}')) AS title)
            FROM event e WHERE replaced_by IS NULL""",
    )
    restored = tmp_path / "restored" / "klusteri.duckdb"
    restore_backup(evil, restored)
    con = open_db(restored)
    try:
        assert con.execute("SELECT title FROM v_event").fetchall() == [("Kevätseminaari",)]
        view = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'v_event'").fetchone()
        assert "read_text" not in view[0]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("CREATE MACRO year(d) AS 1999", "function year"),
        ("CREATE TABLE loot (x VARCHAR)", "schema: tables or columns"),
        ("CREATE SCHEMA other", "schema other"),
        ("ALTER TABLE event ADD COLUMN extra VARCHAR", "schema: tables or columns"),
        (
            "ALTER TABLE audit_log ALTER COLUMN detail SET DEFAULT 'x'",
            "schema: tables or columns",
        ),
        ("UPDATE meta SET value = '0' WHERE key = 'schema_version'", "schema_version"),
    ],
)
def test_a_backup_with_other_objects_is_refused(
    backup: Path, tmp_path: Path, statement: str, reason: str
) -> None:
    evil = tamper(backup, tmp_path, statement)
    restored = tmp_path / "restored" / "klusteri.duckdb"
    with pytest.raises(BackupError) as caught:
        restore_backup(evil, restored)
    assert caught.value.code == "invalid" and reason in caught.value.fields["reason"]
    assert not restored.exists()
