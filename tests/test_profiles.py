"""Source profiles: an unknown layout mapped once, then files with the same header row import
with no questions, in the library and the command line; what a profile may hold (SPEC 2.1).

The unknown layout is a HubSpot CRM company export: HubSpot writes each property's label as
the column header ("Record ID", "Company name", "Company Domain Name", "Number of Employees",
"Annual Revenue", "City", "Industry", "Create Date", "Lifecycle Stage": the default company
properties, as listed in the public property dump hairsolutionsco/automations_hub
hubspot/objects/companies/properties.md) with dates as ``2023-05-15 10:32``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from cli import cmd_import, cmd_profiles
from cli.main import common_options
from data import mapping, profiles
from data.backup import restore_backup, write_backup
from data.fields import field_label, fields
from data.importer import import_file
from data.kinds import KINDS
from data.profiles import Profile, ProfileError
from data.reading import read_upload
from data.store import open_db
from tests.import_helpers import rows, state

HEADER = (
    "Record ID,Company name,Company Domain Name,Create Date,Number of Employees,"
    "Annual Revenue,City,Industry,Lifecycle Stage"
)
FIRST = [
    "5001,Loimaan Kone Oy,loimaankone.fi,2021-03-02 09:15,45,5200000,Loimaa,Machinery,Customer",
    "5002,Pelto Data Oy,peltodata.fi,2023-05-15 10:32,8,640000,Loimaa,Software,Customer",
    "5003,Kanta-Metalli Oy,kantametalli.fi,2022-11-30 14:05,120,18500000,Humppila,Metal,Customer",
]
# A year later: one head count and turnover changed, one company joined.
SECOND = [
    "5001,Loimaan Kone Oy,loimaankone.fi,2021-03-02 09:15,47,5400000,Loimaa,Machinery,Customer",
    *FIRST[1:],
    "5004,Alastaron Puu Oy,alastaronpuu.fi,2024-01-10 08:00,12,900000,Loimaa,Wood,Customer",
]
# Field per column of HEADER: Record ID, domain and lifecycle stage are not used.
FIELDS = [
    None,
    "name",
    None,
    "member_since",
    "employees",
    "turnover_eur",
    "municipality",
    "sector",
    None,
]
NAME = "HubSpot-yritykset"


def hubspot_csv(path: Path, lines: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8-sig")
    return path


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="klusterimittari")
    subparsers = parser.add_subparsers(dest="command", required=True)
    common = common_options()
    for module in (cmd_import, cmd_profiles):
        module.register(subparsers, common)
    args = parser.parse_args(list(argv))
    return args.func(args)


def map_once(con: duckdb.DuckDBPyConnection, path: Path, user: str = "maija") -> Profile:
    """What the Data page does: read the sheet, take its header row, save the mapping."""
    sheet = read_upload(path)[0]
    cells, _ = mapping.first_rows(sheet)
    header = mapping.guess_header(cells)
    assert header == 0
    return profiles.save(
        con,
        "default",
        mapping.profile_for(NAME, "members", cells[header], FIELDS),
        user=user,
    )


def register_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return rows(
        con,
        "SELECT o.name, m.member_since, m.employees, m.turnover_eur, m.municipality, m.sector "
        "FROM v_member m JOIN organisation o USING (cluster_id, org_id) ORDER BY o.name",
    )


def test_unknown_layout_is_skipped_until_mapped(con, tmp_path) -> None:
    report = import_file(con, hubspot_csv(tmp_path / "hubspot.csv", FIRST))
    assert report.status == "rejected"
    assert [(s.kind, s.skipped) for s in report.sheets] == [(None, "unknown_kind")]
    map_once(con, tmp_path / "hubspot.csv")
    report = import_file(con, tmp_path / "hubspot.csv")
    assert report.status == "loaded"
    assert [(s.kind, s.profile) for s in report.sheets] == [("members", NAME)]
    assert "luettu lähdeprofiililla 'HubSpot-yritykset'" in report.to_text("fi")
    assert "read with source profile 'HubSpot-yritykset'" in report.to_text("en")
    assert register_rows(con) == [
        ("Kanta-Metalli Oy", dt.date(2022, 11, 30), 120, 18500000, "Humppila", "Metal"),
        ("Loimaan Kone Oy", dt.date(2021, 3, 2), 45, 5200000, "Loimaa", "Machinery"),
        ("Pelto Data Oy", dt.date(2023, 5, 15), 8, 640000, "Loimaa", "Software"),
    ]


def test_second_file_with_same_headers_imports_in_the_cli(db_path, tmp_path, capsys) -> None:
    con = open_db(db_path)
    try:
        map_once(con, hubspot_csv(tmp_path / "hubspot.csv", FIRST))
    finally:
        con.close()
    second = hubspot_csv(tmp_path / "hubspot-2024.csv", SECOND)
    assert run_cli("import", str(second), "--db", str(db_path)) == 0
    out = capsys.readouterr().out
    assert "hubspot-2024.csv: ladattu" in out
    assert "luettu lähdeprofiililla 'HubSpot-yritykset'" in out
    con = open_db(db_path)
    try:
        assert register_rows(con) == [
            ("Alastaron Puu Oy", dt.date(2024, 1, 10), 12, 900000, "Loimaa", "Wood"),
            ("Kanta-Metalli Oy", dt.date(2022, 11, 30), 120, 18500000, "Humppila", "Metal"),
            ("Loimaan Kone Oy", dt.date(2021, 3, 2), 47, 5400000, "Loimaa", "Machinery"),
            ("Pelto Data Oy", dt.date(2023, 5, 15), 8, 640000, "Loimaa", "Software"),
        ]
    finally:
        con.close()


def test_profiles_list_and_remove_in_the_cli(db_path, tmp_path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert run_cli("profiles", "list", *db) == 0
    assert capsys.readouterr().out.strip() == "Lähdeprofiileja ei ole tallennettu."
    con = open_db(db_path)
    try:
        map_once(con, hubspot_csv(tmp_path / "hubspot.csv", FIRST), user="maija")
    finally:
        con.close()
    assert run_cli("profiles", "list", *db) == 0
    out = capsys.readouterr().out.splitlines()
    today = dt.date.today()
    assert out[0] == (
        f"HubSpot-yritykset · jäsenet · 6/9 saraketta käytössä · maija, "
        f"{today.day}.{today.month}.{today.year}"
    )
    assert out[1:] == [
        "  Record ID → (ei käytetä)",
        "  Company name → Organisaation nimi",
        "  Company Domain Name → (ei käytetä)",
        "  Create Date → Jäsen alkaen",
        "  Number of Employees → Henkilöstö",
        "  Annual Revenue → Liikevaihto (€)",
        "  City → Kunta",
        "  Industry → Toimiala",
        "  Lifecycle Stage → (ei käytetä)",
    ]
    assert run_cli("profiles", "list", *db, "--lang", "en") == 0
    assert "  Number of Employees → Employees" in capsys.readouterr().out
    assert run_cli("profiles", "remove", "hubspot-YRITYKSET", *db) == 0
    assert capsys.readouterr().out.strip() == "Lähdeprofiili 'hubspot-YRITYKSET' poistettu."
    assert run_cli("profiles", "remove", NAME, *db, "--lang", "en") == 1
    assert "There is no source profile 'HubSpot-yritykset'" in capsys.readouterr().err
    con = open_db(db_path)
    try:
        assert rows(con, "SELECT action, detail, user_name FROM audit_log ORDER BY ALL") == [
            ("profile_remove", NAME, _login()),
            ("profile_save", f"{NAME} (members)", "maija"),
        ]
    finally:
        con.close()


def _login() -> str:
    from cli.login import login_name

    return login_name()


def test_import_with_a_named_profile(db_path, tmp_path, capsys) -> None:
    db = ["--db", str(db_path)]
    first = hubspot_csv(tmp_path / "hubspot.csv", FIRST)
    assert run_cli("import", str(first), *db, "--profile", NAME) == 2
    assert "Lähdeprofiilia 'HubSpot-yritykset' ei ole" in capsys.readouterr().err
    con = open_db(db_path)
    try:
        map_once(con, first)
    finally:
        con.close()
    other = hubspot_csv(tmp_path / "muu.csv", ["1,Acme Oy"], header="Record ID,Name")
    assert run_cli("import", str(other), *db, "--profile", NAME, "--lang", "en") == 1
    assert "differs from that of source profile 'HubSpot-yritykset'" in capsys.readouterr().out
    assert run_cli("import", str(first), *db, "--profile", "hubspot-yritykset") == 0


def test_header_row_matches_after_normalisation_below_a_title(con, tmp_path) -> None:
    """Headers compare as column names do (case, spaces, a trailing colon or unit); the header
    row may lie below a title line, as in many report exports."""
    map_once(con, hubspot_csv(tmp_path / "hubspot.csv", FIRST))
    header = HEADER.replace("Company name", "COMPANY  NAME:").replace(
        "Annual Revenue", "Annual Revenue (EUR)"
    )
    path = hubspot_csv(tmp_path / "raportti.csv", ["", header, *SECOND], "Yritysraportti 2024")
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("fi")
    assert report.sheets[0].profile == NAME
    assert len(register_rows(con)) == 4


def test_preview_types_the_sheet_and_reports_row_errors(con, tmp_path) -> None:
    lines = [*FIRST, "5005,Virhe Oy,virhe.fi,31.2.2024,paljon,,Loimaa,Other,Lead"]
    sheet = read_upload(hubspot_csv(tmp_path / "hubspot.csv", lines))[0]
    cells, _ = mapping.first_rows(sheet)
    profile = mapping.profile_for("", "members", cells[0], FIELDS)
    before = state(con)
    shown = mapping.preview(con, sheet, profile, 0, file_name="hubspot.csv", lang="fi")
    assert state(con) == before
    assert (shown.rows_read, shown.rows_rejected) == (4, 1)
    assert shown.fields == (
        "name",
        "member_since",
        "employees",
        "turnover_eur",
        "municipality",
        "sector",
    )
    assert shown.rows[0] == (
        2,
        ("Loimaan Kone Oy", "2.3.2021", "45", "5\u00a0200\u00a0000", "Loimaa", "Machinery"),
    )
    assert shown.rows[3] == (5, ("Virhe Oy", "", "", "", "Loimaa", "Other"))
    assert [(i.row, i.column, i.value, i.code) for i in shown.issues] == [
        (5, "Create Date", "31.2.2024", "bad_date"),
        (5, "Number of Employees", "paljon", "bad_int"),
    ]
    english = mapping.preview(con, sheet, profile, 0, file_name="hubspot.csv", lang="en")
    assert english.rows[0][1][1:4] == ("2021-03-02", "45", "5,200,000")


def test_suggest_fills_what_the_builtin_names_tell() -> None:
    cells = ["Yritys", "Y-tunnus", "Jäsenmaksu", "Yritys", "Muistiinpano", None]
    assert mapping.suggest("members", cells) == [
        "name",
        "business_id",
        "annual_fee_eur",
        None,
        None,
    ]
    survey = ["Vastaaja", "A6. Klusterin toiminta palvelee organisaatiotamme.", "Organisaatio"]
    assert mapping.suggest("survey", survey) == [None, "A6", "organisation"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"name": ""}, "name_missing"),
        ({"name": "x" * 61}, "name_too_long"),
        ({"name": "Rivi\nvaihto"}, "name_control"),
        ({"name": "\u202eevil"}, "name_control"),
        ({"kind": "users"}, "bad_kind"),
        ({"fields": ("name", "project_id")}, "bad_field"),
        ({"fields": ("name", 'x" FROM organisation; --')}, "bad_field"),
        ({"fields": ("name", "name")}, "field_twice"),
        ({"fields": ("employees", None)}, "required_missing"),
        ({"kind": "participants", "fields": ("event_title", "event_date")}, "one_of_missing"),
        ({"headers": ("", "")}, "bad_headers"),
        ({"fields": ("name",)}, "bad_headers"),
    ],
)
def test_profile_checks(change: dict, code: str) -> None:
    base = {
        "name": "Oma",
        "kind": "members",
        "headers": ("yritys", "väki"),
        "fields": ("name", "employees"),
    }
    with pytest.raises(ProfileError) as caught:
        profiles.check(Profile(**{**base, **change}))
    assert caught.value.code == code
    assert caught.value.message("fi") and caught.value.message("en")


def test_survey_profile_needs_an_item() -> None:
    with pytest.raises(ProfileError) as caught:
        profiles.check(Profile("Kysely", "survey", ("org",), ("organisation",)))
    assert caught.value.code == "no_item"
    assert profiles.check(Profile("Kysely", "survey", ("org", "q"), ("organisation", "A6")))


def test_required_fields_are_named_in_the_readers_language() -> None:
    with pytest.raises(ProfileError) as caught:
        profiles.check(Profile("Oma", "funding", ("v", "s"), ("year", None)))
    assert caught.value.message("fi") == (
        "Pakollisia kenttiä ei ole yhdistetty: Rahoituslähde, Summa (€)."
    )
    assert caught.value.message("en").endswith(": Funding source, Amount (€).")


def test_a_stored_profile_changed_by_hand_is_not_used(con, tmp_path) -> None:
    map_once(con, hubspot_csv(tmp_path / "hubspot.csv", FIRST))
    con.execute(
        "UPDATE source_profile SET fields = list_transform(fields, "
        "lambda x: CASE WHEN x = 'sector' THEN 'import_id' ELSE x END)"
    )
    assert profiles.list_profiles(con, "default") == []
    assert import_file(con, tmp_path / "hubspot.csv").status == "rejected"


def test_header_texts_are_kept_printable(con) -> None:
    profile = profiles.save(
        con,
        "default",
        Profile(
            "Oma", "members", ("nimi\x1b[31m", "x"), ("name", None), ("Nimi\x1b[31m", "x\u202e")
        ),
    )
    assert profile.written == ("Nimi [31m", "x")


def test_same_header_row_or_name_replaces_the_profile(con) -> None:
    first = Profile("Vanha", "members", ("yritys", "väki"), ("name", "employees"))
    profiles.save(con, "default", first)
    profiles.save(con, "default", Profile("Uusi", "members", first.headers, ("name", None)))
    profiles.save(con, "default", Profile("UUSI", "members", ("a", "b"), ("name", None)))
    saved = profiles.list_profiles(con, "default")
    assert [(p.name, p.headers) for p in saved] == [("UUSI", ("a", "b"))]
    assert profiles.list_profiles(con, "muu") == []


def test_profiles_are_in_backup_and_restore(db_path, tmp_path) -> None:
    con = open_db(db_path)
    try:
        saved = map_once(con, hubspot_csv(tmp_path / "hubspot.csv", FIRST))
        write_backup(con, tmp_path / "varmuuskopio.zip")
    finally:
        con.close()
    restored = restore_backup(tmp_path / "varmuuskopio.zip", tmp_path / "palautettu.duckdb")
    con = open_db(restored.db_path)
    try:
        [again] = profiles.list_profiles(con, "default")
        assert (again.name, again.kind, again.headers, again.fields) == (
            saved.name,
            saved.kind,
            saved.headers,
            saved.fields,
        )
        second = hubspot_csv(tmp_path / "hubspot-2024.csv", SECOND)
        assert import_file(con, second).sheets[0].profile == NAME
    finally:
        con.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_named_in_both_languages(kind: str) -> None:
    """People see fields by name, never by column code (``data.field.*`` in the catalogue)."""
    for name in fields(kind):
        fi, en = field_label(kind, name, "fi"), field_label(kind, name, "en")
        assert fi and en and name not in (fi, en), (kind, name)


def test_preview_shows_values_as_read_in_the_readers_language(con, tmp_path) -> None:
    """A type or status column is previewed as the import reads it ("Yliopisto" is an RDI
    actor, "active" a member), in the manager's language, never as the stored code."""
    path = hubspot_csv(
        tmp_path / "crm.csv",
        ["Loimaan Kone Oy,Yritys,active", "Turun yliopisto,Yliopisto,Seuraaja"],
        header="Nimi,Tyyppi,Tila",
    )
    sheet = read_upload(path)[0]
    cells, _ = mapping.first_rows(sheet)
    profile = mapping.profile_for("", "members", cells[0], ["name", "org_type", "status"])
    finnish = mapping.preview(con, sheet, profile, 0, file_name="crm.csv", lang="fi")
    assert [values for _, values in finnish.rows] == [
        ("Loimaan Kone Oy", "Yritys", "jäsen"),
        ("Turun yliopisto", "TKI-toimija", "seuraaja"),
    ]
    english = mapping.preview(con, sheet, profile, 0, file_name="crm.csv", lang="en")
    assert [values[1:] for _, values in english.rows] == [
        ("Company", "member"),
        ("RDI actor", "follower"),
    ]
