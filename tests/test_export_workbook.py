"""The indicator workbook read back with openpyxl: sheets, values, formats, safety (issue 6)."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest

from cli.main import main
from data.enums import ENUMS
from data.kinds import KINDS
from export.workbook import export_workbook
from i18n import t
from indicators.compute import compute
from indicators.registry import built_in
from indicators.targets import set_target
from tests import fixtures_export
from tests.fixtures_export import FILES, OPEN_ANSWER, SECRET_TITLE

# The small cluster: built once per module, a private open copy per test.
small_db_file, small = fixtures_export.small_db_file, fixtures_export.small
FI_SHEETS = [
    "Indikaattorit",
    "Alue",
    "Klusteriorganisaatio",
    "TKI-toimijat",
    "Yritykset",
    "Julkinen sektori",
    "Määritelmät",
    "Aineisto",
    "Menestystarinat",
]
EN_SHEETS = [
    "Indicators",
    "Region",
    "Cluster organisation",
    "RDI actors",
    "Companies",
    "Public sector",
    "Definitions",
    "Sources",
    "Success stories",
]


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _indicator_cells(sheet) -> dict[tuple, openpyxl.cell.Cell]:
    """Value cells of the Indicators sheet by (code, year, metric)."""
    header = [c.value for c in sheet[1]]
    code, year, metric, value = (
        header.index(h) for h in ("Koodi", "Vuosi", "Mittarin tunniste", "Arvo")
    )
    return {
        (r[code].value, r[year].value, r[metric].value): r[value]
        for r in sheet.iter_rows(min_row=2)
    }


def test_sheets_present_in_finnish_and_english(small: duckdb.DuckDBPyConnection) -> None:
    assert _book(export_workbook(small, built_in(), "default")).sheetnames == FI_SHEETS
    english = _book(export_workbook(small, built_in(), "default", lang="en"))
    assert english.sheetnames == EN_SHEETS
    header = [c.value for c in english["Indicators"][1]]
    assert header[:5] == ["Code", "Value recipient", "Indicator", "Year", "Metric"]
    assert header[-1] == "Metric identifier"  # people read the name; the key comes last


def test_every_value_equals_compute(small: duckdb.DuckDBPyConnection) -> None:
    results = compute(small, built_in(), "default")
    cells = _indicator_cells(_book(export_workbook(small, built_in(), "default"))["Indikaattorit"])
    assert len(cells) == len(results)
    for r in results:
        assert cells[(r.code, r.year, r.metric)].value == r.value, (r.code, r.year, r.metric)


def test_values_equal_cli_json(
    small: duckdb.DuckDBPyConnection,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    small.close()
    out = tmp_path / "indikaattorit.xlsx"
    assert main(["export", "--db", str(db_path), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["indicators", "--db", str(db_path), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    sheet = openpyxl.load_workbook(out)["Indikaattorit"]
    exported = {(r["Koodi"], r["Vuosi"], r["Mittarin tunniste"]): r for r in _records(sheet)}
    assert len(exported) == len(records)
    for rec in records:
        row = exported[(rec["code"], rec["year"], rec["metric"])]
        assert (row["Arvo"], row["n"], row["Tietolähde"], row["Indikaattori"]) == (
            rec["value"],
            rec["n"],
            rec["data_class"],
            rec["name_fi"],
        )


def test_hand_computed_values(small: duckdb.DuckDBPyConnection) -> None:
    cells = _indicator_cells(_book(export_workbook(small, built_in(), "default"))["Indikaattorit"])
    assert cells[("FUN-1", 2023, "total_eur")].value == 25000
    assert cells[("FUN-1", 2023, "city_share")].value == 0.4
    assert cells[("FUN-1", 2024, "committed_eur")].value == 15000
    assert cells[("ORG-5", 2024, "mean.A6")].value == 3.83
    assert cells[("ORG-5", 2024, "response_rate")].value == 0.6


def test_number_formats(small: duckdb.DuckDBPyConnection) -> None:
    book = _book(export_workbook(small, built_in(), "default"))
    cells = _indicator_cells(book["Indikaattorit"])
    assert "€" in cells[("FUN-1", 2023, "total_eur")].number_format
    assert "%" in cells[("FUN-1", 2023, "city_share")].number_format
    assert cells[("ORG-5", 2024, "mean.A6")].number_format == "#,##0.00"
    assert cells[("ORG-4", 2024, "events_held")].number_format == "#,##0"
    assert book["Menestystarinat"]["A2"].number_format == "d.m.yyyy"
    english = _book(export_workbook(small, built_in(), "default", lang="en"))
    assert english["Success stories"]["A2"].number_format == "yyyy-mm-dd"
    assert english["Indicators"].freeze_panes == "A2"
    assert english["Indicators"].auto_filter.ref.startswith("A1:")


def test_no_formula_cells_from_input_text(small: duckdb.DuckDBPyConnection) -> None:
    book = _book(export_workbook(small, built_in(), "default"))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    cells = [row[2] for row in book["Menestystarinat"].iter_rows(min_row=2)]
    # Each typed title comes back as the same text, stored as a string cell.
    assert sorted((c.value, c.data_type) for c in cells) == [
        ("+1", "s"),
        ("-2+3", "s"),
        ('=HYPERLINK("http://x")', "s"),
        ("@SUM(A1)", "s"),
    ]


def test_suppressed_cells_empty_with_marker(small: duckdb.DuckDBPyConnection) -> None:
    book = _book(export_workbook(small, built_in(), "default"))
    sheet = book["Indikaattorit"]
    cells = _indicator_cells(sheet)
    for metric in ("mean.A7", "agree_share.A7"):
        cell = cells[("ORG-5", 2024, metric)]
        assert cell.value is None
        assert "n < 5" in cell.comment.text
        row = {h.value: c.value for h, c in zip(sheet[1], sheet[cell.row])}
        assert (row["Piilotettu"], row["n"]) == ("n < 5", 3)
    by_metric = {r[2].value: r for r in book["Klusteriorganisaatio"].iter_rows(min_row=2)}
    year_col = [c.value for c in book["Klusteriorganisaatio"][1]].index(2024)
    # The recipient sheets name each metric as people read it (no metric identifiers).
    a7 = "Keskiarvo (1–5): Klusteriorganisaatio on onnistunut vastaamaan tarpeisiimme"
    suppressed = by_metric[a7][year_col]
    assert suppressed.value is None and "n < 5" in suppressed.comment.text
    assert (
        by_metric["Keskiarvo (1–5): Klusterin toiminta palvelee organisaatiotamme"][year_col].value
        == 3.83
    )


def test_only_consented_stories_and_no_personal_data(small: duckdb.DuckDBPyConnection) -> None:
    book = _book(export_workbook(small, built_in(), "default"))
    texts = {
        str(cell.value)
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert SECRET_TITLE not in texts
    hashes = {
        h
        for row in small.execute("SELECT email_hash, name_hash FROM participation").fetchall()
        for h in row
        if h
    }
    assert hashes and not hashes & texts
    assert not {OPEN_ANSWER, "aino@alfa.example", "Aino"} & texts


def test_sources_sheet_lists_loaded_imports(small: duckdb.DuckDBPyConnection) -> None:
    rows = _records(_book(export_workbook(small, built_in(), "default"))["Aineisto"])
    # Rows loaded, counted in tests/fixtures_export.py: 3 members, 4 funding rows, 2 events,
    # 4 participant rows (the absent one is kept), 5 stories, 6 survey responses.
    loaded = [
        ("jasenet.csv", 3),
        ("rahoitus.csv", 4),
        ("tapahtumat.csv", 2),
        ("osallistujat.csv", 4),
        ("tarinat.csv", 5),
        ("kysely.csv", 6),
    ]
    assert [(r["Tiedosto"], r["SHA-256"], r["Rivejä ladattu"]) for r in rows] == [
        (name, hashlib.sha256(FILES[name].encode("utf-8")).hexdigest(), count)
        for name, count in loaded
    ]


def test_definitions_cover_every_indicator(small: duckdb.DuckDBPyConnection) -> None:
    rows = _records(_book(export_workbook(small, built_in(), "default"))["Määritelmät"])
    assert [r["Koodi"] for r in rows] == [
        *("REG-1", "REG-2", "REG-3", "REG-4", "REG-5"),
        *("ORG-1", "ORG-2", "ORG-3", "ORG-4", "ORG-5"),
        *("RDI-1", "RDI-2"),
        *("COM-1", "COM-2", "COM-3", "COM-4", "COM-5"),
        *("PUB-1", "PUB-2", "PUB-3", "PUB-4"),
        *("FUN-1", "OUT-1", "ESCA"),
    ]
    assert all(r["Määritelmä"] and r["Tulkintavaroitus"] for r in rows)


def test_one_year_and_audit_entry(small: duckdb.DuckDBPyConnection) -> None:
    cells = _indicator_cells(
        _book(export_workbook(small, built_in(), "default", year=2024, user="mari"))[
            "Indikaattorit"
        ]
    )
    assert {year for _, year, _ in cells} == {2024}
    entry = small.execute(
        "SELECT user_name, cluster_id FROM audit_log WHERE action = 'export'"
    ).fetchall()
    assert entry == [("mari", "default")]


def test_target_column(small: duckdb.DuckDBPyConnection) -> None:
    set_target(small, built_in(), "default", "FUN-1", "total_eur", 2024, 30000, "mari")
    rows = _records(_book(export_workbook(small, built_in(), "default"))["Indikaattorit"])
    target = {(r["Koodi"], r["Vuosi"], r["Mittarin tunniste"]): r["Tavoite"] for r in rows}
    assert target[("FUN-1", 2024, "total_eur")] == 30000
    assert target[("FUN-1", 2023, "total_eur")] is None


def test_empty_cluster_exports_notes(con: duckdb.DuckDBPyConnection) -> None:
    book = _book(export_workbook(con, built_in(), "default", lang="en"))
    rows = _records(book["Indicators"])
    assert rows and all(r["Value"] is None and r["Note"] for r in rows)
    assert _records(book["Sources"]) == [] and _records(book["Success stories"]) == []


def test_cli_english_one_year(
    small: duckdb.DuckDBPyConnection, db_path: Path, tmp_path: Path
) -> None:
    small.close()
    out = tmp_path / "indicators.xlsx"
    assert (
        main(["export", "--db", str(db_path), "--out", str(out), "--year", "2023", "--lang", "en"])
        == 0
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == EN_SHEETS
    assert {r["Year"] for r in _records(book["Indicators"])} == {2023}


def test_cli_rejects_wrong_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--db", str(tmp_path / "x.duckdb"), "--out", str(tmp_path / "x.csv")])
    assert code == 2
    assert ".xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_people_read_names_not_codes(small: duckdb.DuckDBPyConnection, lang: str) -> None:
    """No metric identifier (``agree_share.P1``, ``outcomes``), kind (``members``) or enumerated
    code (``public_service_improvement``) is shown outside the identifier column at the end
    of the indicator sheet."""
    codes = {r.metric for r in compute(small, built_in(), "default", None)}
    codes |= {code for values in ENUMS.values() for code in values}
    codes = {code for code in codes if "_" in code or "." in code}  # never a word of prose
    book = _book(export_workbook(small, built_in(), "default", lang=lang))
    kind_columns = {t("export.col.kinds", lang), t("export.col.inputs", lang)}
    shown = []
    for sheet in book:
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            for head, value in zip(header, row):
                if head in ("Mittarin tunniste", "Metric identifier") or not isinstance(value, str):
                    continue
                words = set(re.findall(r"[a-z_]+(?:\.[A-Za-z0-9]+)?", value))
                shown += [(sheet.title, head, word) for word in words & codes]
                if head in kind_columns:
                    shown += [
                        (sheet.title, head, k)
                        for k in value.split(", ")
                        if k in KINDS and k != t(f"data.kind.{k}", lang)  # "members" is English
                    ]
    assert shown == []
