"""Readable charts on a wide screen and on a phone (issue 16 item 3): on the board's pages of the
two-cluster demo, no two labels of a chart overlap (bounding boxes of every text the chart
draws: ticks, legend, values on bars and points), no chart carries a toolbar over its legend,
and every chart has its numbers under it. Screenshots are saved for looking at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from appkit.frame import SECTIONS
from cli.main import main as cli
from i18n import t
from tests.browser.server import app_server, choose_language, launch, settle

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("KLUSTERIMITTARI_SHOTS", "screenshots")) / "board"
PAGES = ("overview", "clusters", "cluster-organisation", "funding", "events", "region")
TITLES = {spec.url: spec.title for specs in SECTIONS.values() for spec in specs}

# Every text element a plotly chart draws, with its box; pairs whose boxes intersect by more
# than a pixel either way are overlaps.
_OVERLAPS = """
() => {
  const found = [];
  document.querySelectorAll('.js-plotly-plot').forEach((chart, index) => {
    const boxes = [...chart.querySelectorAll('text')]
      .filter(el => el.textContent.trim() && getComputedStyle(el).opacity !== '0'
                    && getComputedStyle(el).display !== 'none')
      .map(el => ({text: el.textContent.trim(), box: el.getBoundingClientRect()}))
      .filter(item => item.box.width > 0 && item.box.height > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box, b = boxes[j].box;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) found.push([index, boxes[i].text, boxes[j].text]);
      }
    }
  });
  return found;
}
"""


@pytest.fixture(scope="module")
def two_clusters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("layout")
    key = folder / "demo.key"
    os.environ["KLUSTERIMITTARI_KEY_FILE"] = str(key)
    db = folder / "demo.duckdb"
    assert cli(["demo", "--db", str(db), "--second-cluster"]) == 0
    return db, key


def _sidebar(page: Page) -> None:
    """Open the sidebar where a phone folds it away."""
    button = page.locator("[data-testid='stExpandSidebarButton']")
    if button.count() and button.first.is_visible():
        button.first.click()
        page.wait_for_timeout(400)


def _open(page: Page, path: str, lang: str) -> None:
    """Open a page through the navigation, as a reader does (the session and its language
    are kept), then scroll through it: charts lower down draw once they come into view."""
    _sidebar(page)
    title = t(TITLES[path], lang)
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    page.wait_for_timeout(300)
    settle(page)
    close = page.locator("[data-testid='stSidebarCollapseButton'] button")
    if page.viewport_size["width"] < 700 and close.count() and close.first.is_visible():
        close.first.click()
        page.wait_for_timeout(300)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    for top in range(0, int(height), 600):
        page.evaluate(f"document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, {top})")
        page.wait_for_timeout(120)
    settle(page)


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_no_overlapping_labels_and_no_toolbar(
    two_clusters: tuple[Path, Path], width: int, lang: str
) -> None:
    db, key = two_clusters
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, object] = {}
    with app_server(db, key) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": width, "height": 1000})
        page.goto(url)
        settle(page)
        if lang == "en":
            _sidebar(page)
            choose_language(page, "English")
        for path in PAGES:
            _open(page, path, lang)
            assert page.locator("h1").first.inner_text() == t(TITLES[path], lang)
            charts = page.locator(".js-plotly-plot").count()
            overlaps = page.evaluate(_OVERLAPS)
            if overlaps:
                problems[path] = overlaps[:5]
            if page.locator(".modebar").count():
                problems[f"{path}:toolbar"] = page.locator(".modebar").count()
            expanders = page.locator("[data-testid='stExpander']").count()
            if charts and expanders < charts:
                problems[f"{path}:tables"] = (charts, expanders)
            page.screenshot(
                path=str(SHOTS / f"{path or 'overview'}-{lang}-{width}.png"), full_page=True
            )
        browser.close()
    assert not problems, problems
