"""A member register that would remove members: preview of who joins, leaves and changes,
and the refusal above a fifth of the register without ``--replace-register`` (SPEC 3)."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb
import pytest

from cli import cmd_import, cmd_imports
from cli.main import common_options
from data.importer import import_file, undo_import
from data.register import Change
from data.store import open_db
from tests.import_helpers import rows, state, workbook

HEAD = ["Nimi", "Y-tunnus", "Henkilöstö", "Tila"]
# Forty members "Jäsen 01 Oy" ... "Jäsen 40 Oy", ten employees each.
FORTY = [HEAD, *([f"Jäsen {i:02d} Oy", None, 10, "jäsen"] for i in range(1, 41))]
# Three rows: one unchanged, one with a new head count, one new organisation (written in
# another form of its name than the register would: matching is by normalised name).
THREE = [
    HEAD,
    ["Jäsen 01 Oy", None, 12, "jäsen"],
    ["JÄSEN 02 OY", None, 10, "jäsen"],
    ["Uusi Yritys Oy", None, 5, "jäsen"],
]
LEAVING = [f"Jäsen {i:02d} Oy" for i in range(3, 41)]


def register(tmp_path: Path, name: str, sheet_rows: list[list[object]]) -> Path:
    return workbook(tmp_path / name, {"Jäsenet": sheet_rows})


def members(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM v_member").fetchone()[0]


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="klusterimittari")
    subparsers = parser.add_subparsers(dest="command", required=True)
    common = common_options()
    for module in (cmd_import, cmd_imports):
        module.register(subparsers, common)
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_first_register_loads_and_lists_who_joins(con, tmp_path) -> None:
    report = import_file(con, register(tmp_path, "jasenet.xlsx", FORTY))
    assert report.status == "loaded"
    assert (report.register.current, len(report.register.joins)) == (0, 40)
    assert report.register.leaves == () and report.register.changes == ()
    assert members(con) == 40


def test_three_row_register_is_refused_with_its_preview(con, tmp_path) -> None:
    import_file(con, register(tmp_path, "jasenet.xlsx", FORTY))
    before = state(con)
    report = import_file(con, register(tmp_path, "kolme.xlsx", THREE))
    assert report.status == "rejected"
    assert report.message == "data.register.refused"
    preview = report.register
    assert preview.current == 40
    assert preview.joins == ("Uusi Yritys Oy",)
    assert list(preview.leaves) == LEAVING
    assert preview.changes == (Change("Jäsen 01 Oy", ("employees",)),)
    assert state(con) == before
    text = report.to_text("fi")
    assert "poistaisi 38 nykyisen rekisterin 40 organisaatiosta (95\u00a0%)" in text
    assert "liittyy 1, poistuu 38, tiedot muuttuvat 1" in text
    assert "Tiedot muuttuvat: Jäsen 01 Oy (Henkilöstö)" in text
    assert "Poistuvat: Jäsen 03 Oy, Jäsen 04 Oy," in text and "ja 8 muuta" in text
    english = report.to_text("en")
    assert "would remove 38 of the 40 organisations in the current register (95%)" in english
    assert "Changing: Jäsen 01 Oy (Employees)" in english
    assert rows(con, "SELECT file_name, status FROM import_log ORDER BY import_id") == [
        ("jasenet.xlsx", "loaded"),
        ("kolme.xlsx", "rejected"),
    ]


@pytest.mark.parametrize(
    ("kept", "limit", "status"),
    [
        (32, 0.2, "loaded"),  # removes 8 of 40: exactly a fifth is allowed
        (31, 0.2, "rejected"),  # removes 9 of 40: more than a fifth
        (39, 0.0, "rejected"),  # the app asks about any removal
        (40, 0.0, "loaded"),  # nobody leaves: nothing to ask
        (3, None, "loaded"),  # confirmed / --replace-register
    ],
)
def test_removal_limit(con, tmp_path, kept: int, limit: float | None, status: str) -> None:
    import_file(con, register(tmp_path, "jasenet.xlsx", FORTY))
    report = import_file(
        con, register(tmp_path, "uusi.xlsx", FORTY[: kept + 1]), removal_limit=limit
    )
    assert report.status == status
    assert len(report.register.leaves) == 40 - kept
    assert members(con) == (kept if status == "loaded" else 40)


def test_confirmed_replacement_is_undone_to_the_old_register(con, tmp_path) -> None:
    import_file(con, register(tmp_path, "jasenet.xlsx", FORTY))
    before = rows(con, "SELECT org_id, employees FROM v_member ORDER BY org_id")
    replaced = import_file(con, register(tmp_path, "kolme.xlsx", THREE), removal_limit=None)
    assert replaced.status == "loaded" and members(con) == 3
    undo_import(con, replaced.import_id)
    assert rows(con, "SELECT org_id, employees FROM v_member ORDER BY org_id") == before


def test_cli_refuses_then_replaces_with_the_flag(db_path, tmp_path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert run_cli("import", str(register(tmp_path, "jasenet.xlsx", FORTY)), *db) == 0
    capsys.readouterr()
    three = str(register(tmp_path, "kolme.xlsx", THREE))
    assert run_cli("import", three, *db) == 1
    out, err = capsys.readouterr()
    assert "kolme.xlsx: hylätty" in out
    assert "poistaisi 38 nykyisen rekisterin 40 organisaatiosta" in out
    assert "--replace-register" in err
    assert run_cli("import", three, *db, "--lang", "en") == 1
    out, err = capsys.readouterr()
    assert "would remove 38 of the 40 organisations" in out
    assert "import it again with --replace-register" in err
    con = open_db(db_path)
    try:
        assert members(con) == 40
    finally:
        con.close()
    assert run_cli("import", three, *db, "--replace-register") == 0
    out, _ = capsys.readouterr()
    assert "kolme.xlsx: ladattu" in out and "Poistuvat: Jäsen 03 Oy" in out
    con = open_db(db_path)
    try:
        assert members(con) == 3
    finally:
        con.close()


def test_cli_loads_a_small_removal_and_says_who_left(db_path, tmp_path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert run_cli("import", str(register(tmp_path, "jasenet.xlsx", FORTY)), *db) == 0
    capsys.readouterr()
    assert run_cli("import", str(register(tmp_path, "uusi.xlsx", FORTY[:-1])), *db) == 0
    out = capsys.readouterr().out
    assert "liittyy 0, poistuu 1, tiedot muuttuvat 0" in out
    assert "Poistuvat: Jäsen 40 Oy" in out
