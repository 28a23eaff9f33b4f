"""A database written by an older version of the program opens and upgrades in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import members_workbook
from cli.main import main
from data import schema, store
from data.backup import restore_backup, write_backup
from data.importer import import_file
from data.store import open_db

# A future migration: a new column, and the view over it rebuilt.
V2 = """
ALTER TABLE membership ADD COLUMN contact_person VARCHAR;
UPDATE membership SET contact_person = 'unknown';
CREATE OR REPLACE VIEW v_member AS SELECT * FROM membership WHERE replaced_by IS NULL;
"""


@pytest.fixture
def version_1_db(tmp_path: Path) -> Path:
    """A database at schema version 1 holding a 12-organisation member register."""
    path = tmp_path / "vanha.duckdb"
    con = open_db(path)
    try:
        assert import_file(con, members_workbook(tmp_path / "jasenet.xlsx", 12)).status == "loaded"
        assert schema.current_version(con) == 1
    finally:
        con.close()
    return path


def _with_version_2(monkeypatch: pytest.MonkeyPatch, migration: str) -> None:
    monkeypatch.setitem(schema.MIGRATIONS, 2, migration)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)


def _members(path: Path) -> list[tuple]:
    con = open_db(path)
    try:
        return con.execute(
            "SELECT org_id, status, member_since FROM v_member ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def test_older_database_is_upgraded_in_place_with_data_kept(
    version_1_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _members(version_1_db)
    assert len(before) == 12
    _with_version_2(monkeypatch, V2)
    con = open_db(version_1_db)
    try:
        assert schema.current_version(con) == 2
        assert con.execute(
            "SELECT count(*), min(contact_person), max(contact_person) FROM v_member"
        ).fetchone() == (12, "unknown", "unknown")
        assert con.execute("SELECT count(*) FROM survey_item").fetchone()[0] > 0
    finally:
        con.close()
    assert _members(version_1_db) == before


def test_failed_upgrade_leaves_the_old_database_untouched(
    version_1_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _members(version_1_db)
    _with_version_2(monkeypatch, V2 + "ALTER TABLE no_such_table ADD COLUMN x INTEGER;")
    with pytest.raises(Exception, match="no_such_table"):
        open_db(version_1_db)
    monkeypatch.undo()
    con = open_db(version_1_db)
    try:
        assert schema.current_version(con) == 1
        columns = [
            c
            for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'membership'"
            ).fetchall()
        ]
        assert "contact_person" not in columns
    finally:
        con.close()
    assert _members(version_1_db) == before


def test_database_from_a_newer_program_is_refused(version_1_db: Path) -> None:
    con = open_db(version_1_db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(RuntimeError, match="newer than this program"):
        open_db(version_1_db)


def test_old_backup_restores_upgraded(
    version_1_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = open_db(version_1_db)
    try:
        write_backup(con, tmp_path / "v1.zip")
    finally:
        con.close()
    before = _members(version_1_db)
    _with_version_2(monkeypatch, V2)
    restored = restore_backup(tmp_path / "v1.zip", tmp_path / "restored.duckdb")
    assert restored.schema_version == 2
    assert _members(restored.db_path) == before


def test_newer_database_is_a_message_in_the_cli(
    version_1_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = open_db(version_1_db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(schema.SchemaTooNew) as caught:
        open_db(version_1_db)
    assert caught.value.message("fi").startswith("Tietokannan rakenneversio 99 on uudempi")
    assert main(["indicators", "--lang", "en", "--db", str(version_1_db)]) == 1
    assert capsys.readouterr().err.strip() == (
        "The database schema version 99 is newer than this program (1). "
        "Upgrade Klusterimittari to open it."
    )
