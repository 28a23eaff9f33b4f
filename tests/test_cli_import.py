"""``klusterimittari import``, ``imports`` and ``template``: exit codes 0/1/2 and messages in
Finnish and English (SPEC 4)."""

from __future__ import annotations

import argparse

import pytest

from cli import cmd_import, cmd_imports, cmd_template
from cli.main import common_options
from data.store import open_db
from tests.import_helpers import workbook

GOOD = {"Tapahtumat": [["Nimi", "Päivämäärä"], ["Seminaari", "1.2.2024"]]}
BAD = {"Tapahtumat": [["Nimi", "Päivämäärä"], ["Seminaari", "31.2.2024"]]}


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="klusterimittari")
    subparsers = parser.add_subparsers(dest="command", required=True)
    common = common_options()
    for module in (cmd_import, cmd_imports, cmd_template):
        module.register(subparsers, common)
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_import_exit_codes_and_languages(db_path, tmp_path, capsys) -> None:
    good = workbook(tmp_path / "hyva.xlsx", GOOD)
    bad = workbook(tmp_path / "huono.xlsx", BAD)
    db = ["--db", str(db_path)]
    assert run("import", str(good), *db, "--user", "maija") == 0
    assert "hyva.xlsx: ladattu" in capsys.readouterr().out
    assert run("import", str(good), *db, "--lang", "en") == 0  # same file: no-op
    assert "hyva.xlsx: no change" in capsys.readouterr().out
    assert run("import", str(bad), str(good), *db) == 1
    out = capsys.readouterr().out
    assert "huono.xlsx: hylätty" in out and "rivi 2, sarake Päivämäärä" in out
    assert run("import", str(bad), *db, "--lang", "en") == 1
    assert "'31.2.2024' is not a valid date" in capsys.readouterr().out
    assert run("import", str(tmp_path / "puuttuu.xlsx"), *db) == 1
    con = open_db(db_path)
    try:
        assert con.execute("SELECT count(*) FROM v_event").fetchone() == (1,)
        assert con.execute("SELECT user_name FROM import_log WHERE import_id = 1").fetchone() == (
            "maija",
        )
    finally:
        con.close()


@pytest.mark.parametrize(
    ("options", "fi", "en"),
    [
        (
            ["--event-title", "Aamukahvit", "--event-date", "32.6.2025"],
            "päivämäärä '32.6.2025' ei kelpaa",
            "date '32.6.2025' is not valid",
        ),
        (
            ["--event-title", "Aamukahvit"],
            "anna sekä --event-title että --event-date",
            "give both --event-title and --event-date",
        ),
        (["--max-bad-rows", "1.5"], "osuus väliltä 0–1", "share between 0 and 1"),
    ],
)
def test_usage_errors_exit_2(db_path, tmp_path, capsys, options, fi, en) -> None:
    good = str(workbook(tmp_path / "hyva.xlsx", GOOD))
    assert run("import", good, "--db", str(db_path), *options) == 2
    assert fi in capsys.readouterr().err
    assert run("import", good, "--db", str(db_path), "--lang", "en", *options) == 2
    assert en in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        run("import", good, "--kind", "nonsense")
    assert exited.value.code == 2


def test_event_date_in_both_forms(db_path, tmp_path, capsys) -> None:
    path = workbook(tmp_path / "lista.xlsx", {"Taul1": [["Organisaatio", "Nimi"], ["Acme", "M"]]})
    assert (
        run(
            "import",
            str(path),
            "--db",
            str(db_path),
            "--event-title",
            "Aamukahvit",
            "--event-date",
            "2025-06-20",
        )
        == 0
    )
    path2 = workbook(tmp_path / "lista2.xlsx", {"Taul1": [["Organisaatio", "Nimi"], ["Beta", "N"]]})
    assert (
        run(
            "import",
            str(path2),
            "--db",
            str(db_path),
            "--event-title",
            "aamukahvit",
            "--event-date",
            "20.6.2025",
        )
        == 0
    )
    con = open_db(db_path)
    try:
        assert con.execute("SELECT count(*) FROM v_event").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM v_participation").fetchone() == (2,)
    finally:
        con.close()


def test_imports_lists_and_undoes(db_path, tmp_path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert run("imports", *db) == 0
    assert "Ei tuonteja." in capsys.readouterr().out
    run("import", str(workbook(tmp_path / "hyva.xlsx", GOOD)), *db, "--user", "maija")
    capsys.readouterr()
    assert run("imports", *db, "--lang", "en") == 0
    out = capsys.readouterr().out
    assert out.startswith("1  ") and "loaded  hyva.xlsx  [events]  read 1, loaded 1" in out
    assert run("imports", *db, "--undo", "1") == 0
    assert "Tuonti 1 peruttiin." in capsys.readouterr().out
    assert run("imports", *db, "--undo", "1", "--lang", "en") == 1
    assert "Import 1 cannot be undone (status undone)." in capsys.readouterr().err
    assert run("imports", *db, "--undo", "7") == 1
    assert "Tuontia 7 ei ole." in capsys.readouterr().err


def test_template_command(tmp_path, db_path, capsys) -> None:
    out = tmp_path / "pohja.xlsx"
    assert run("template", "funding", "--out", str(out), "--db", str(db_path)) == 0
    assert out.stat().st_size > 0
    assert "Pohja (rahoitus) kirjoitettiin" in capsys.readouterr().out
    assert (
        run("template", "funding", "--out", str(tmp_path / "nope" / "x.xlsx"), "--lang", "en") == 1
    )
    assert "Could not write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        run("template", "nonsense", "--out", str(out))
    assert exited.value.code == 2


def test_unrecognised_sheets_advise_the_kind_option(db_path, tmp_path, capsys) -> None:
    """On the command line the advice names --kind (the app names its mapping step instead):
    a head count by age group fits no kind; "Otsikko, Päivämäärä, Tyyppi" is a whole event
    sheet and a whole outcome sheet."""
    unknown = workbook(tmp_path / "vakiluku.xlsx", {"Taul1": [["Ikäryhmä", "Henkilöitä"]]})
    assert run("import", str(unknown), "--db", str(db_path), "--lang", "en") == 1
    assert (
        "No sheet of the file was recognised as data to import (Taul1); nothing was loaded. "
        "Give the file's kind with --kind or copy the data into a template."
    ) in capsys.readouterr().out
    both = workbook(tmp_path / "lista.xlsx", {"Taul1": [["Otsikko", "Päivämäärä", "Tyyppi"]]})
    assert run("import", str(both), "--db", str(db_path)) == 1
    assert (
        "välilehti sopii usealle lajille (tapahtumat, menestystarinat); anna laji valitsimella "
        "--kind tai nimeä välilehti uudelleen"
    ) in capsys.readouterr().out
