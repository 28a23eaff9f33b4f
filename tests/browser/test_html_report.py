"""The board's HTML report opens in headless Chromium without console errors, with its SVG
charts drawn and no request leaving the machine (it must be self-contained)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from data.store import open_db
from export.html_report import html_report
from indicators.registry import built_in
from tests.browser.server import launch
from tests.fixtures_export import load_small_cluster

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_html_report_renders_without_console_errors(tmp_path: Path, lang: str) -> None:
    con = open_db(tmp_path / "report.duckdb")
    try:
        load_small_cluster(con, tmp_path)
        report = tmp_path / "raportti.html"
        report.write_text(
            html_report(con, built_in(), "default", (2023, 2024), lang), encoding="utf-8"
        )
    finally:
        con.close()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        remote: list[str] = []
        page.on(
            "request",
            lambda req: (
                None if req.url.startswith(("file:", "data:", "blob:")) else remote.append(req.url)
            ),
        )
        page.goto(report.as_uri())
        page.wait_for_selector("figure svg", timeout=30_000)
        charts = page.locator("figure svg").count()
        pdf = page.pdf()  # prints (the print stylesheet applies)
        browser.close()
    assert problems == []
    assert remote == []
    assert charts >= 3
    assert pdf.startswith(b"%PDF")
