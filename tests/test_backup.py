"""Backup and restore: an exact, consistent copy (same tables, same indicators) that restores
only where it is asked to."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import duckdb
import pytest

from bench.generate import attendance_workbook, members_workbook, survey_workbook
from cli.main import main
from data.backup import DATABASE, KEY, MANIFEST, BackupError, restore_backup, write_backup
from data.importer import import_file
from data.pseudonym import key_path
from data.schema import SCHEMA_VERSION
from data.store import open_db
from indicators.compute import compute
from indicators.registry import built_in


def table_contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every base table's rows, sorted, by table name."""
    tables = [
        name
        for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
    ]
    return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall() for name in tables}


@pytest.fixture
def filled_db(tmp_path: Path) -> Path:
    """A database file holding a member register, an attendance list and a survey."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    path = tmp_path / "live" / "klusteri.duckdb"
    con = open_db(path)
    try:
        for file, options in (
            (members_workbook(folder / "jasenet.xlsx", 30), {}),
            (attendance_workbook(folder / "osallistujat.xlsx", 200, events=12, orgs=40), {}),
            (survey_workbook(folder / "kysely.xlsx", 25), {"survey_year": 2025, "invited": 40}),
        ):
            assert import_file(con, file, **options).status == "loaded"
    finally:
        con.close()
    return path


@pytest.fixture
def only_backup_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cli.main.COMMAND_MODULES", ("cli.cmd_backup",))


def contents_of(path: Path) -> dict[str, list[tuple]]:
    con = open_db(path)
    try:
        return table_contents(con)
    finally:
        con.close()


def indicators_of(path: Path) -> list:
    con = open_db(path)
    try:
        return compute(con, built_in())
    finally:
        con.close()


def test_backup_restore_gives_identical_tables(
    filled_db: Path, tmp_path: Path, only_backup_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "varmuuskopio.zip"
    assert main(["backup", "--out", str(out), "--db", str(filled_db), "--lang", "en"]) == 0
    assert "Key included: no." in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted([MANIFEST, DATABASE])
    restored = tmp_path / "elsewhere" / "palautettu.duckdb"
    assert main(["restore", str(out), "--db", str(restored), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert (
        f"Backup restored into the database {restored} (schema version {SCHEMA_VERSION})."
        in printed
    )
    assert "The backup holds no key" in printed
    original = contents_of(filled_db)
    assert original["participation"] and original["survey_answer"] and original["membership"]
    assert contents_of(restored) == original
    results = indicators_of(filled_db)
    assert any(r.value for r in results if r.code == "ORG-4")
    assert indicators_of(restored) == results
    next_values = []
    for path in (filled_db, restored):  # sequences continue where the original left off
        con = open_db(path)
        next_values.append(
            con.execute(
                "SELECT nextval('seq_import'), nextval('seq_org'), nextval('seq_event'), "
                "(SELECT max(import_id) + 1 FROM import_log)"
            ).fetchone()
        )
        con.close()
    assert next_values[0] == next_values[1]
    assert next_values[0][0] == next_values[0][3] == 4


def test_key_is_included_only_when_asked(
    filled_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = open_db(filled_db)
    try:
        key_text = key_path(filled_db).read_text().strip()
        write_backup(con, tmp_path / "with_key.zip", with_key=True)
    finally:
        con.close()
    with zipfile.ZipFile(tmp_path / "with_key.zip") as zf:
        assert zf.read(KEY).decode() == key_text
    new_key = tmp_path / "other-machine" / "klusteri.key"
    monkeypatch.setenv("KLUSTERIMITTARI_KEY_FILE", str(new_key))
    restored = restore_backup(tmp_path / "with_key.zip", tmp_path / "other-machine" / "k.duckdb")
    assert restored.key_path == new_key
    assert new_key.read_text() == key_text
    assert stat.S_IMODE(new_key.stat().st_mode) == 0o600


def test_restore_refuses_to_overwrite_without_force(
    filled_db: Path, tmp_path: Path, only_backup_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.zip"
    con = open_db(filled_db)
    write_backup(con, backup)
    snapshot = table_contents(con)
    con.execute("DELETE FROM participation")  # a later change the restore must undo
    con.close()
    db = ["--db", str(filled_db), "--lang", "en"]
    assert main(["restore", str(backup), *db]) == 1
    assert f"The file {filled_db} already exists; use --force" in capsys.readouterr().err
    assert contents_of(filled_db)["participation"] == []
    assert main(["backup", "--out", str(backup), *db]) == 1
    assert f"The file {backup} already exists" in capsys.readouterr().err
    filled_db.with_name(filled_db.name + ".wal").write_bytes(b"stale log of the old file")
    assert main(["restore", str(backup), "--force", *db]) == 0
    assert contents_of(filled_db) == snapshot


def test_restore_refuses_what_is_not_a_backup(
    tmp_path: Path, only_backup_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "not a backup")
    target = tmp_path / "new.duckdb"
    for source in (not_zip, other_zip):
        assert main(["restore", str(source), "--db", str(target), "--lang", "en"]) == 1
        assert "is not a Klusterimittari backup" in capsys.readouterr().err
    assert not target.exists()


def test_tampered_or_newer_backup_is_refused(filled_db: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.zip"
    con = open_db(filled_db)
    write_backup(con, good)
    con.close()
    with zipfile.ZipFile(good) as zf:
        manifest, database = zf.read(MANIFEST).decode(), zf.read(DATABASE)
    variants = {
        "sha256": (manifest, database[:-1] + bytes([database[-1] ^ 1])),
        "newer": (
            manifest.replace(f'"schema_version": {SCHEMA_VERSION}', '"schema_version": 99'),
            database,
        ),
    }
    for code, (text, data) in variants.items():
        bad = tmp_path / f"{code}.zip"
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr(MANIFEST, text)
            zf.writestr(DATABASE, data)
        with pytest.raises(BackupError) as info:
            restore_backup(bad, tmp_path / f"{code}.duckdb")
        assert code in (info.value.code, info.value.fields.get("reason"))
        assert not (tmp_path / f"{code}.duckdb").exists()


def test_backup_is_a_snapshot_without_uncommitted_rows(filled_db: Path, tmp_path: Path) -> None:
    con = open_db(filled_db)
    try:
        before = table_contents(con)
        writer = con.cursor()
        writer.execute("BEGIN TRANSACTION")
        writer.execute("DELETE FROM participation")
        writer.execute(
            "INSERT INTO funding (cluster_id, import_id, year, source_type, amount_eur)"
            " VALUES ('default', 99, 2025, 'membership_fee', 100)"
        )
        write_backup(con, tmp_path / "during.zip")
        writer.execute("COMMIT")
    finally:
        con.close()
    restored = restore_backup(tmp_path / "during.zip", tmp_path / "restored.duckdb")
    assert contents_of(restored.db_path) == before
    leftovers = [
        name
        for folder in (tmp_path, tmp_path / "live")
        for name in os.listdir(folder)
        if name.startswith(".km-")
    ]
    assert leftovers == []
