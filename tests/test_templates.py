"""Upload templates: headers, example row, drop-down lists, instructions, and the round trip
template -> filled in with openpyxl -> import -> the same rows in the database."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from data.importer import import_file
from data.kinds import KINDS
from data.survey_catalogue import CATALOGUE
from data.templates import template_bytes, template_file_name, write_template
from tests.import_helpers import rows


def _book(kind: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_bytes(kind)))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "survey"])
def test_template_layout(kind: str) -> None:
    spec = KINDS[kind]
    book = _book(kind)
    assert book.sheetnames[0] == spec.template_sheet and "Ohjeet" in book.sheetnames
    sheet = book[spec.template_sheet]
    headers = [c.value for c in sheet[1]]
    marks = {
        c.name: " *" if c.required else " (*)" if c.name in spec.one_of else ""
        for c in spec.columns
    }
    assert headers == [c.header_fi + marks[c.name] for c in spec.columns]
    assert sheet.freeze_panes == "A2"
    examples = [c.value for c in sheet[2]]
    assert any(v is not None for v in examples)
    enum_cols = [i for i, c in enumerate(spec.columns) if c.enum or c.type == "bool"]
    validated = {
        str(r).split(":")[0]
        for dv in sheet.data_validations.dataValidation
        for r in dv.sqref.ranges
    }
    assert validated == {f"{openpyxl.utils.get_column_letter(i + 1)}2" for i in enum_cols}
    instructions = [[c.value for c in r] for r in book["Ohjeet"].iter_rows()]
    listed = [r[0] for r in instructions[5:]]
    assert listed == headers
    needed = {"kyllä / yes", "yksi näistä / one of these"}
    assert any(r[0] and r[1] in needed for r in instructions[5:] if r[0].endswith(("*", "(*)")))


def test_enum_dropdowns_hold_finnish_labels() -> None:
    book = _book("members")
    lists = book["Listat"]
    assert lists.sheet_state == "hidden"
    columns = {c[0].value: [v.value for v in c[1:] if v.value] for c in lists.iter_cols()}
    # Each list is headed by the Finnish column name it serves, never by a code.
    assert columns["Tila"] == ["jäsen", "seuraaja", "entinen"]
    assert columns["Luottamustehtävä"] == ["hallitus", "ohjausryhmä", "jaoston puheenjohtaja", "ei"]
    assert columns["Organisaatiotyyppi"][:2] == ["yritys", "tki"]
    sheet = book["Jäsenet"]
    assert sheet["K2"].number_format == "d.m.yyyy"  # Jäsen alkaen
    assert isinstance(sheet["K2"].value, dt.datetime)


def test_business_id_examples_in_templates_and_messages_pass_the_check() -> None:
    """Every Y-tunnus a template or a message shows as an example is one the importer accepts
    (1234567: 7+18+30+20+40+24+14 = 153, 153 mod 11 = 10, check digit 11 - 10 = 1)."""
    texts = [
        tomllib.loads(p.read_text(encoding="utf-8"))
        for p in (Path(__file__).resolve().parents[1] / "i18n").glob("*.toml")
    ]
    found = set(re.findall(r"\b\d{7}-\d\b", json.dumps(texts)))
    for kind in KINDS:
        book = _book(kind)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                found |= set(re.findall(r"\b\d{7}-\d\b", " ".join(map(str, row))))
    assert found == {"1234567-1"}


@pytest.mark.parametrize(
    ("kind", "lang", "name"),
    [
        ("members", "fi", "pohja-jäsenet.xlsx"),
        ("members", "en", "template-members.xlsx"),
        ("survey", "fi", "pohja-kysely.xlsx"),
        ("participants", "en", "template-participants.xlsx"),
    ],
)
def test_template_file_names_are_in_the_users_language(kind: str, lang: str, name: str) -> None:
    assert template_file_name(kind, lang) == name


def test_survey_template_has_catalogue_items_as_columns() -> None:
    sheet = _book("survey")["Kysely"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Organisaatio", "Organisaatiotyyppi", "Kokoluokka", "Vastausaika"]
    assert headers[4:] == [f"{i.code}. {i.text_fi}" for i in CATALOGUE]


def test_round_trip_members(con, tmp_path) -> None:
    path = tmp_path / "jasenet.xlsx"
    write_template("members", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Jäsenet"]
    filled = [
        [
            "Acme Oy",
            "1234567-1",
            "yritys",
            "pieni",
            25,
            3500000,
            "28 Koneet",
            "Loimaa",
            "Perusjäsen",
            "jäsen",
            dt.datetime(2023, 5, 15),
            None,
            "hallitus",
            1500,
        ],
        [
            "Loimaan kaupunki",
            None,
            "julkinen",
            None,
            None,
            None,
            None,
            "Loimaa",
            None,
            "jäsen",
            dt.datetime(2023, 1, 1),
            None,
            None,
            None,
        ],
        [
            "Beta Oy",
            None,
            "yritys",
            "mikro",
            2,
            None,
            None,
            None,
            None,
            "entinen",
            dt.datetime(2023, 5, 15),
            dt.datetime(2024, 12, 31),
            None,
            500,
        ],
    ]
    for r, values in enumerate(filled, start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value)
    book.save(path)
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    assert report.issues == []
    assert rows(
        con,
        """SELECT o.name, o.business_id, m.org_type, m.size_class, m.employees,
                               m.turnover_eur, m.sector, m.municipality, m.tier, m.status,
                               m.member_since, m.member_until, m.governance_role,
                               m.annual_fee_eur
                        FROM v_member m JOIN organisation o USING (cluster_id, org_id)
                        ORDER BY m.row_no""",
    ) == [
        (
            "Acme Oy",
            "1234567-1",
            "company",
            "small",
            25,
            Decimal("3500000.00"),
            "28 Koneet",
            "Loimaa",
            "Perusjäsen",
            "member",
            dt.date(2023, 5, 15),
            None,
            "board",
            Decimal("1500.00"),
        ),
        (
            "Loimaan kaupunki",
            None,
            "public",
            None,
            None,
            None,
            None,
            "Loimaa",
            None,
            "member",
            dt.date(2023, 1, 1),
            None,
            "none",
            None,
        ),
        (
            "Beta Oy",
            None,
            "company",
            "micro",
            2,
            None,
            None,
            None,
            None,
            "former",
            dt.date(2023, 5, 15),
            dt.date(2024, 12, 31),
            "none",
            Decimal("500.00"),
        ),
    ]


def test_round_trip_participants_and_survey(con, tmp_path) -> None:
    path = tmp_path / "osallistujat.xlsx"
    write_template("participants", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Osallistujat"]
    for c in range(1, sheet.max_column + 1):
        sheet.cell(2, c, None)
    for r, values in enumerate(
        [
            [
                None,
                "Seminaari",
                dt.datetime(2024, 3, 1),
                "Acme Oy",
                None,
                "Maija",
                "M",
                None,
                "m@acme.fi",
                "puhuja",
                "kyllä",
            ],
            [
                None,
                "Seminaari",
                dt.datetime(2024, 3, 1),
                "Beta Oy",
                None,
                None,
                None,
                "Matti V",
                None,
                None,
                "ei",
            ],
        ],
        start=2,
    ):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value)
    book.save(path)
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    assert rows(
        con,
        "SELECT p.row_no, o.name, p.role, p.attended, p.email_hash IS NOT NULL, "
        "p.name_hash IS NOT NULL FROM v_participation p JOIN organisation o "
        "USING (cluster_id, org_id) ORDER BY p.row_no",
    ) == [
        (2, "Acme Oy", "speaker", True, True, True),
        (3, "Beta Oy", "attendee", False, False, True),
    ]

    path = tmp_path / "kysely.xlsx"
    write_template("survey", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Kysely"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(3, 4, dt.datetime(2024, 11, 20))
    sheet.cell(3, headers.index("A6. " + CATALOGUE[1].text_fi) + 1, "täysin samaa mieltä")
    book.save(path)
    report = import_file(con, path, survey_name="Jäsenkysely")
    assert report.status == "loaded", report.to_text("en")
    answers = rows(
        con,
        "SELECT response_no, item_code, value_num, value_text FROM "
        "v_survey_answer WHERE response_no = 3",
    )
    assert answers == [(3, "A6", 5.0, None)]
    example = {
        code: (num, text)
        for _, code, num, text in rows(
            con,
            "SELECT response_no, item_code, value_num, value_text FROM v_survey_answer "
            "WHERE response_no = 2",
        )
    }
    assert example["A1"] == (4.0, None) and example["A12"] == (1.0, None)
    assert example["A2"] == (None, "Lisää yritysvierailuja.")
