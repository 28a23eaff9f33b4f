"""The app in headless Chromium: upload a filled template on the Data page, read its report,
open the Overview with its charts drawn, switch to English and download the Excel export.

Runs against ``streamlit run app.py`` on a free localhost port and a temporary database.
Skipped when /usr/bin/chromium is missing, unless CI=true (then it fails instead).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect, sync_playwright

from i18n import t
from tests.browser.server import app_server, choose_language, launch, open_page, settle
from tests.browser.workbook import FUNDING_ROWS, filled_template

pytestmark = pytest.mark.browser


def test_upload_report_overview_and_export(tmp_path: Path) -> None:
    workbook = tmp_path / "rahoitus.xlsx"
    workbook.write_bytes(filled_template("funding", FUNDING_ROWS))
    with (
        app_server(tmp_path / "app.duckdb", tmp_path / "app.key") as url,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        settle(page)
        # An empty database: the overview says which files fill it.
        expect(page.get_by_text(t("ui.empty.upload", "fi").split(":")[0]).first).to_be_visible()

        open_page(page, t("ui.page.data", "fi"))
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(workbook))
        expect(page.get_by_text("rahoitus.xlsx").first).to_be_visible()
        page.get_by_role("button", name=t("ui.data.import", "fi"), exact=True).click()
        settle(page, timeout_ms=60_000)
        report = page.locator("[data-testid='stMarkdown']", has_text="rahoitus.xlsx")
        expect(report.first).to_contain_text(t("data.status.loaded", "fi"))

        open_page(page, t("ui.page.overview", "fi"))
        expect(page.get_by_text(t("ui.overview.funding", "fi"))).to_be_visible()
        # The funding chart is drawn: its bars exist as SVG paths.
        expect(page.locator("[data-testid='stPlotlyChart'] .main-svg").first).to_be_visible(
            timeout=30_000
        )
        expect(page.locator("[data-testid='stPlotlyChart'] .bars path").first).to_be_attached()

        choose_language(page, "English")
        expect(page.locator("h1", has_text="Overview")).to_be_visible()
        with page.expect_download() as download_info:
            page.get_by_role("button", name=t("ui.export.workbook", "en")).click()
        download = download_info.value
        assert download.suggested_filename == t("ui.export.workbook_file", "en")
        book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
        assert t("export.sheet.indicators", "en") in book.sheetnames
        browser.close()
        assert errors == []


def test_first_request_for_a_page_url_gets_the_whole_app(tmp_path: Path) -> None:
    """A fresh server asked first for /funding (a bookmark) shows that page with the app's
    sidebar: the language switch, the sections and no page for the shared helpers."""
    with (
        app_server(tmp_path / "app.duckdb", tmp_path / "app.key") as url,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/funding")
        settle(page)
        expect(page.locator("h1", has_text=t("ui.page.funding", "fi"))).to_be_visible()
        sidebar = page.locator("[data-testid='stSidebar']")
        expect(sidebar.get_by_text(t("ui.section.impact", "fi"))).to_be_visible()
        expect(sidebar.get_by_text("English")).to_be_visible()
        expect(sidebar.get_by_text("_shared")).to_have_count(0)
        browser.close()
