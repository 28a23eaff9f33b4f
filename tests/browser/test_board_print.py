"""The board reports as a board member prints them (issue 16 item 4), on the demo cluster:

- the HTML report printed to A4 PDF in Chromium: the summary alone on page one, every chart's
  axis and category labels in the PDF's text (nothing clipped away), no request leaving the
  machine, the file far below 2 MB;
- the Excel board report converted to PDF by LibreOffice (as a reader's spreadsheet program
  prints it): the summary sheet first, every chart on the pages whole, a handful of pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from data.demo import load_demo
from data.store import open_db
from export.board_workbook import board_workbook
from export.html_report import html_report
from i18n import t
from indicators.registry import built_in
from tests.browser.server import launch

pytestmark = pytest.mark.browser
YEARS = (2023, 2025)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is missing on CI (.ci/run installs it)")
    pytest.skip(f"{name} is missing")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print")
    os.environ.setdefault("KLUSTERIMITTARI_KEY_FILE", str(folder / "demo.key"))
    con = open_db(folder / "demo.duckdb")
    load_demo(con)
    for lang in ("fi", "en"):
        page = html_report(con, built_in(), "default", YEARS, lang)
        (folder / f"raportti-{lang}.html").write_text(page, encoding="utf-8")
        (folder / f"raportti-{lang}.xlsx").write_bytes(
            board_workbook(con, built_in(), "default", YEARS, lang)
        )
    con.close()
    return folder


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        [_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_html_report_prints_whole_on_a4(demo: Path, lang: str) -> None:
    html = demo / f"raportti-{lang}.html"
    assert html.stat().st_size < 2_000_000  # was 4.9 MB with the chart library inlined
    pdf = demo / f"raportti-{lang}.pdf"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        remote: list[str] = []
        page.on(
            "request",
            lambda req: None if req.url.startswith(("file:", "data:")) else remote.append(req.url),
        )
        page.goto(html.as_uri())
        pdf.write_bytes(page.pdf(format="A4", print_background=True))
        browser.close()
    assert remote == []
    pages = _pages_text(pdf)
    assert 3 <= len(pages) <= 8, len(pages)
    first, rest = pages[0], "\n".join(pages[1:])
    # Page one is the board's answer and nothing else.
    assert t("ui.headline.title", lang, year=2025) in first
    assert t("ui.headline.targets", lang, year=2025) in first
    assert t("board.chart.funding", lang) not in first
    # Funding axis: euro ticks from zero, the years, the committed column of 2025, the legend.
    euro = "20 000 €" if lang == "fi" else "€20,000"
    for text in ("0 €" if lang == "fi" else "€0", euro, "2023", "2024", "2025"):
        assert text in rest, text
    assert t("analytics.funding.committed", lang) in rest
    assert t("analytics.funding_group.members", lang) in rest
    # Participation, engagement and survey: their labels and values are text on the page.
    for text in ("153", "119", t("board.level.core", lang), t("board.level.passive", lang)):
        assert text in rest, text
    assert "n = 14" in rest  # every survey bar carries its n
    assert t("ui.figure.index_axis", lang) in rest  # regional context as an index


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_excel_board_report_prints_landscape_with_whole_charts(demo: Path, lang: str) -> None:
    soffice = _tool("soffice")
    book = demo / f"raportti-{lang}.xlsx"
    out = demo / f"lo-{lang}"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(book)],
        capture_output=True,
        check=True,
        timeout=300,
        env={**os.environ, "HOME": str(demo)},
    )
    pages = _pages_text(out / f"raportti-{lang}.pdf")
    # Was 26 pages with charts cut in half: now the summary, one sheet per chart, the stories.
    assert len(pages) <= 10, len(pages)
    assert t("ui.headline.title", lang, year=2025) in pages[0]
    for key in ("board.chart.funding", "board.chart.engagement", "board.chart.participation"):
        title = t(key, lang)
        holding = [i for i, page in enumerate(pages) if title in page]
        assert len(holding) == 1, (title, holding)  # one page holds each chart's title
