"""A database written by an older version of the program opens and upgrades in place."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench.generate import members_workbook
from cli.main import main
from data import profiles, schema, store
from data.backup import restore_backup, write_backup
from data.importer import import_file
from data.profiles import Profile
from data.schema import SchemaTooNew
from data.store import open_db

CURRENT = schema.SCHEMA_VERSION  # what this program writes
NEXT = CURRENT + 1  # a future version, as the tests simulate it

# A future migration: a new column, and the view over it rebuilt.
V2 = """
ALTER TABLE membership ADD COLUMN contact_person VARCHAR;
UPDATE membership SET contact_person = 'unknown';
CREATE OR REPLACE VIEW v_member AS SELECT * FROM membership WHERE replaced_by IS NULL;
"""


@pytest.fixture
def current_db(tmp_path: Path) -> Path:
    """A database at the current schema version holding a 12-organisation member register."""
    path = tmp_path / "vanha.duckdb"
    con = open_db(path)
    try:
        assert import_file(con, members_workbook(tmp_path / "jasenet.xlsx", 12)).status == "loaded"
        assert schema.current_version(con) == CURRENT
    finally:
        con.close()
    return path


def _with_next_version(monkeypatch: pytest.MonkeyPatch, migration: str) -> None:
    monkeypatch.setitem(schema.MIGRATIONS, NEXT, migration)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(store, "SCHEMA_VERSION", NEXT)


def _members(path: Path) -> list[tuple]:
    con = open_db(path)
    try:
        return con.execute(
            "SELECT org_id, status, member_since FROM v_member ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def test_older_database_is_upgraded_in_place_with_data_kept(
    current_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _members(current_db)
    assert len(before) == 12
    _with_next_version(monkeypatch, V2)
    con = open_db(current_db)
    try:
        assert schema.current_version(con) == NEXT
        assert con.execute(
            "SELECT count(*), min(contact_person), max(contact_person) FROM v_member"
        ).fetchone() == (12, "unknown", "unknown")
        assert con.execute("SELECT count(*) FROM survey_item").fetchone()[0] > 0
    finally:
        con.close()
    assert _members(current_db) == before


def test_failed_upgrade_leaves_the_old_database_untouched(
    current_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _members(current_db)
    _with_next_version(monkeypatch, V2 + "ALTER TABLE no_such_table ADD COLUMN x INTEGER;")
    with pytest.raises(Exception, match="no_such_table"):
        open_db(current_db)
    monkeypatch.undo()
    con = open_db(current_db)
    try:
        assert schema.current_version(con) == CURRENT
        columns = [
            c
            for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'membership'"
            ).fetchall()
        ]
        assert "contact_person" not in columns
    finally:
        con.close()
    assert _members(current_db) == before


def test_database_from_a_newer_program_is_refused(current_db: Path) -> None:
    con = open_db(current_db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaTooNew, match="version 99 is newer than this program"):
        open_db(current_db)


def test_version_1_database_gains_sessions_and_audit_fields(tmp_path: Path) -> None:
    """A database written before version 2 (no sign-in sessions, audit facts as text only)
    opens upgraded, its audit entries kept."""
    path = tmp_path / "v1.duckdb"
    raw = duckdb.connect(str(path))
    raw.execute(schema.MIGRATIONS[1])
    raw.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    raw.execute("INSERT INTO audit_log (user_name, action, detail) VALUES ('mari', 'x', 'y')")
    raw.close()
    con = open_db(path)
    try:
        assert schema.current_version(con) == CURRENT
        assert con.execute("SELECT user_name, detail, fields FROM audit_log").fetchall() == [
            ("mari", "y", None)
        ]
        assert con.execute("SELECT count(*) FROM sign_in_session").fetchone() == (0,)
    finally:
        con.close()


def test_old_backup_restores_upgraded(
    current_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = open_db(current_db)
    try:
        write_backup(con, tmp_path / "older.zip")
    finally:
        con.close()
    before = _members(current_db)
    _with_next_version(monkeypatch, V2)
    restored = restore_backup(tmp_path / "older.zip", tmp_path / "restored.duckdb")
    assert restored.schema_version == NEXT
    assert _members(restored.db_path) == before


def test_newer_database_is_a_message_in_the_cli(
    current_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = open_db(current_db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(schema.SchemaTooNew) as caught:
        open_db(current_db)
    assert caught.value.message("fi").startswith("Tietokannan rakenneversio 99 on uudempi")
    assert main(["indicators", "--lang", "en", "--db", str(current_db)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"The database schema version 99 is newer than this program ({CURRENT}). "
        "Upgrade Klusterimittari to open it."
    )


def test_version_1_database_gets_the_real_export_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 2 (real exports): a version 1 database with attendance keeps its rows; a
    participation may then lack an organisation and carries a domain hash, the register a
    domain, statistics a region code."""
    path = tmp_path / "v1.duckdb"
    with monkeypatch.context() as old:
        old.setattr(schema, "SCHEMA_VERSION", 1)
        old.setattr(store, "SCHEMA_VERSION", 1)
        con = open_db(path)
        try:
            con.execute("""
                INSERT INTO organisation VALUES ('default', 1, 'Acme Oy', 'acme', NULL, 'other', 1);
                INSERT INTO event (cluster_id, event_key, import_id, title, date)
                    VALUES ('default', 1, 1, 'Seminaari', DATE '2024-02-01');
                INSERT INTO participation (cluster_id, import_id, event_key, org_id)
                    VALUES ('default', 1, 1, 1);
            """)
            assert schema.current_version(con) == 1
        finally:
            con.close()
    con = open_db(path)
    try:
        assert schema.current_version(con) == CURRENT
        columns = dict(
            con.execute(
                "SELECT table_name || '.' || column_name, is_nullable"
                " FROM information_schema.columns"
                " WHERE table_name IN ('participation', 'membership', 'regional_stat')"
            ).fetchall()
        )
        assert columns["participation.org_id"] == "YES"
        assert {"participation.domain_hash", "participation.org_from", "membership.domain",
                "regional_stat.region_code"} <= columns.keys()  # fmt: skip
        assert con.execute("SELECT count(*), count(org_id) FROM v_participation").fetchone() == (
            1,
            1,
        )
    finally:
        con.close()


def test_database_before_source_profiles_gets_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version that adds source profiles: a database of the version before keeps its
    register and can save a profile after the upgrade. (Written in SQL: today's importer
    reads the profiles.)"""
    adds = next(v for v, sql in schema.MIGRATIONS.items() if "source_profile" in sql)
    path = tmp_path / "vanha.duckdb"
    with monkeypatch.context() as old:
        old.setattr(schema, "SCHEMA_VERSION", adds - 1)
        old.setattr(store, "SCHEMA_VERSION", adds - 1)
        con = open_db(path)
        try:
            con.execute("""
                INSERT INTO organisation VALUES ('default', 1, 'Acme Oy', 'acme', NULL, 'other', 1);
                INSERT INTO membership (cluster_id, import_id, org_id) VALUES ('default', 1, 1);
            """)
            assert schema.current_version(con) == adds - 1
            tables = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
            assert con.execute(tables, ["source_profile"]).fetchone() == (0,)
            before = con.execute(
                "SELECT org_id, status, member_since FROM v_member ORDER BY ALL"
            ).fetchall()
        finally:
            con.close()
    con = open_db(path)
    try:
        assert schema.current_version(con) == CURRENT
        saved = Profile("Oma", "members", ("yritys",), ("name",))
        profiles.save(con, "default", saved)
        assert [p.name for p in profiles.list_profiles(con, "default")] == ["Oma"]
    finally:
        con.close()
    assert before == [(1, "member", None)] and _members(path) == before
