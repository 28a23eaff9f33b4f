"""The board report: the chart workbook read back with openpyxl, the HTML page parsed (issue 6)."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import openpyxl

from cli.main import main
from export.board_data import board_years
from export.board_report import board_report
from export.board_workbook import board_workbook
from export.html_report import html_report
from indicators.registry import built_in
from tests import fixtures_export
from tests.fixtures_export import HOSTILE_TITLES, OPEN_ANSWER, SECRET_TITLE

# The small cluster: built once per module, a private open copy per test.
small_db_file, small = fixtures_export.small_db_file, fixtures_export.small
YEARS = (2023, 2024)


def _rows(sheet) -> list[dict]:
    """The table at the top of a sheet: rows up to the first empty one (the caveat and the
    chart come after it)."""
    rows = list(sheet.iter_rows(values_only=True))
    end = next((i for i, row in enumerate(rows) if not any(v is not None for v in row)), len(rows))
    return [dict(zip(rows[0], row)) for row in rows[1:end]]


def test_board_workbook_sheets_and_native_charts(small: duckdb.DuckDBPyConnection) -> None:
    data = board_workbook(small, built_in(), "default", YEARS, "fi")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Yhteenveto",
        "Rahoitus",
        "Jäsenet",
        "Jäsenyystasot",
        "Osallistuminen",
        "Jäsenkysely",
        "Menestystarinat",
    ]
    charts = [
        n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/charts/chart")
    ]
    assert len(charts) == 5
    english = openpyxl.load_workbook(
        io.BytesIO(board_workbook(small, built_in(), "default", YEARS, "en"))
    )
    assert english.sheetnames[:2] == ["Summary", "Funding"]


def test_board_workbook_prints_a4_landscape_one_page_wide(small: duckdb.DuckDBPyConnection) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(board_workbook(small, built_in(), "default", YEARS, "fi"))
    )
    for sheet in book:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title  # 1 = default
    summary = [c.value for row in book["Yhteenveto"].iter_rows() for c in row if c.value]
    assert "Mitä rahoituksella saatiin vuonna 2024?" in summary
    assert "Vuodelle 2024 ei ole asetettu tavoitteita." in summary


def test_board_funding_by_payer_group_paid_and_committed(small: duckdb.DuckDBPyConnection) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(board_workbook(small, built_in(), "default", YEARS, "fi"))
    )
    rows = {(r["Vuosi"], r["Tila"]): r for r in _rows(book["Rahoitus"])[:4]}
    paid_2023 = rows[(2023, "Maksettu")]
    assert (
        paid_2023["Pitkäaikainen julkinen rahoitus"],
        paid_2023["Jäsenorganisaatiot"],
        paid_2023["Yhteensä"],
    ) == (10000, 15000, 25000)
    assert rows[(2024, "Sitoumus")]["Pitkäaikainen julkinen rahoitus"] == 15000
    assert rows[(2024, "Maksettu")]["Yhteensä"] == 500
    cell = book["Rahoitus"]["H2"]
    assert "€" in cell.number_format


def test_board_members_participation_and_survey(small: duckdb.DuckDBPyConnection) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(board_workbook(small, built_in(), "default", YEARS, "fi"))
    )
    members = _rows(book["Jäsenet"])
    assert [
        (r["Vuosi"], r["Jäseniä 31.12."], r["Ydin"], r["Satunnainen"], r["Passiivinen"])
        for r in members
    ] == [(2023, 2, 1, 0, 1), (2024, 3, 1, 1, 1)]
    tiers = _rows(book["Jäsenyystasot"])
    assert [
        (r["Jäsenyystaso"], r["Ydin"], r["Aktiivinen"], r["Satunnainen"], r["Passiivinen"])
        for r in tiers
    ] == [("(ei tasoa)", 1, 0, 1, 1)]
    trend = _rows(book["Osallistuminen"])
    assert [
        (r["Tapahtumia"], r["Henkilöosallistumisia"], r["Osallistuneita organisaatioita"])
        for r in trend
    ] == [(1, 1, 1), (1, 2, 2)]
    sheet = book["Jäsenkysely"]
    survey = {r["Kysymys"]: r for r in _rows(sheet)}
    assert (
        survey["A6"]["Keskiarvo (1–5)"],
        survey["A6"]["n"],
        survey["A6"]["Vastausprosentti"],
    ) == (3.83, 6, 0.6)
    a7 = survey["A7"]
    assert (a7["Keskiarvo (1–5)"], a7["Samaa mieltä (4–5)"], a7["n"], a7["Piilotettu"]) == (
        None,
        None,
        3,
        "n < 5",
    )
    assert "n < 5" in sheet.cell(row=3, column=4).comment.text


def test_board_workbook_is_safe(small: duckdb.DuckDBPyConnection) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(board_workbook(small, built_in(), "default", YEARS, "fi"))
    )
    texts = set()
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if cell.value is not None:
                    texts.add(str(cell.value))
    assert set(HOSTILE_TITLES) <= texts
    assert not {SECRET_TITLE, OPEN_ANSWER} & texts


class _Tags(HTMLParser):
    """Collects the resource-loading tags and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_script = tag in ("script", "style")
        if tag in ("script", "link", "img", "iframe", "object", "embed", "source"):
            self.resources.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_html_report_is_self_contained(small: duckdb.DuckDBPyConnection) -> None:
    page = html_report(small, built_in(), "default", YEARS, "fi")
    parsed = _parse(page)
    for tag, attrs in parsed.resources:
        assert not {"src", "href", "data"} & set(attrs), (tag, attrs)
    assert page.startswith("<!DOCTYPE html>")
    assert "@media print" in page and "<script" not in page  # charts are SVG, no script
    assert len(page.encode()) < 2_000_000
    for chart in ("chart-funding", "chart-engagement", "chart-participation", "chart-survey"):
        assert f'aria-labelledby="{chart}-t"' in page
    assert "id='chart-tiers'" in page  # tier × level as a table with every row named


def test_html_report_numbers_caveats_and_stories(small: duckdb.DuckDBPyConnection) -> None:
    text = " ".join(_parse(html_report(small, built_in(), "default", YEARS, "fi")).text)
    assert "Vastausprosentti 2024: 60\u00a0% (6 vastaajaa)" in text
    assert "10\u00a0000\u00a0€" in text
    assert "n < 5" in text
    assert "Klusterin vaikutusta on vaikea erottaa" in text
    for title in HOSTILE_TITLES:
        assert title in text
    assert SECRET_TITLE not in text and OPEN_ANSWER not in text
    english = " ".join(_parse(html_report(small, built_in(), "default", YEARS, "en")).text)
    assert "Response rate 2024: 60% (6 respondents)" in english


def test_html_report_escapes_input_text(small: duckdb.DuckDBPyConnection) -> None:
    small.execute("UPDATE outcome SET title = '<script>alert(1)</script>' WHERE title = '+1'")
    page = html_report(small, built_in(), "default", YEARS, "fi")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cli_board_report_writes_both_files(
    small: duckdb.DuckDBPyConnection, db_path: Path, tmp_path: Path
) -> None:
    assert board_years(small, built_in(), "default") == YEARS
    small.close()
    out = tmp_path / "hallitus.xlsx"
    assert main(["export", "--db", str(db_path), "--out", str(out), "--board"]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Yhteenveto"
    assert "@media print" in out.with_suffix(".html").read_text(encoding="utf-8")


def test_board_report_gives_both_documents_and_one_audit_entry(
    small: duckdb.DuckDBPyConnection,
) -> None:
    report = board_report(small, built_in(), "default", YEARS, "en", user="mari")
    assert openpyxl.load_workbook(io.BytesIO(report.xlsx)).sheetnames[0] == "Summary"
    assert report.html.startswith("<!DOCTYPE html><html lang='en'>")
    assert small.execute(
        "SELECT user_name, detail FROM audit_log WHERE action = 'export'"
    ).fetchall() == [("mari", "board report en 2023-2024")]
