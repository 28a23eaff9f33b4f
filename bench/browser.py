"""What a person waits for in the browser: headless Chromium (Playwright) on ``streamlit run``.

For a database: the first load of the app in a fresh browser, every page switch through the
sidebar (from each page to the next, in navigation order), and every page opened by its URL
(a bookmark or a link in an e-mail) in a fresh browser tab of a warm server. A page counts as
shown when its script run has finished, its title is drawn and every chart on it has been
drawn as SVG; no fixed pause is included. Uses the browser tests' server and launch helpers.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.browser.server import app_server, launch

VIEWPORT = {"width": 1400, "height": 1000}
FIRST_LOADS = 3  # first loads of the app per round
RUN_DONE_JS = """(previous) => {
    const app = document.querySelector('[data-test-script-state]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const title = document.querySelector('[data-testid="stMain"] h1');
    return Boolean(title) && title.textContent !== previous;
}"""
CHARTS_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(el => el.querySelector('.main-svg'))"""


def _shown(page: Page, start: float, previous: str | None = None) -> tuple[str, float, float]:
    """Wait until the page is shown (see module doc): its title, the seconds since ``start``
    until the script run was done with the page's elements in place, and until its charts
    were drawn too (the difference is the browser drawing the charts)."""
    page.wait_for_function(RUN_DONE_JS, arg=previous, timeout=60_000, polling=20)
    run_done = time.perf_counter() - start
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=60_000, polling=20)
    shown = time.perf_counter() - start
    return page.locator("[data-testid='stMain'] h1").first.text_content() or "", run_done, shown


def _links(page: Page) -> list[tuple[str, str]]:
    """(path, href) of the sidebar's page links, in navigation order (``/`` for the default
    page)."""
    return page.eval_on_selector_all(
        "[data-testid='stSidebarNav'] a",
        "els => els.map(a => [new URL(a.href).pathname, a.href])",
    )


def browser_times(db: Path, key_file: Path, rounds: int = 1) -> dict[str, object]:
    """First loads, page switches and deep links on ``db`` (seconds per page); for switches
    also the part until the script run was done (the rest is drawing the charts)."""
    first: list[float] = []
    switches: dict[str, list[float]] = {}
    switch_runs: list[float] = []
    deep: dict[str, list[float]] = {}
    with app_server(db, key_file) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for round_no in range(rounds + 1):  # round 0 warms the server: reported apart
                for _ in range(FIRST_LOADS - 1):  # fresh browsers, each loading the app
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(url)
                    first.append(_shown(page, start)[2])
                    context.close()
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                title, _, shown = _shown(page, start)
                first.append(shown)
                links = _links(page)
                for name, href in [*links[1:], links[0]]:
                    start = time.perf_counter()
                    page.locator(f"[data-testid='stSidebarNav'] a[href='{href}']").first.click()
                    title, run_done, shown = _shown(page, start, title)
                    switches.setdefault(name, []).append(shown)
                    if round_no:
                        switch_runs.append(run_done)
                context.close()
                for name, href in links:
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(href)
                    deep.setdefault(name, []).append(_shown(page, start)[2])
                    context.close()
        finally:
            browser.close()
    # The first round, on a server that has just started, is left out of every series but
    # its own: a server runs long, a browser opens the app afresh.
    switches = {page: times[1:] for page, times in switches.items()}
    deep = {page: times[1:] for page, times in deep.items()}
    return {
        "cold_first_load_s": first[0],
        "first_load_s": first[1:],
        "switch_s": switches,
        "switch_run_median_s": statistics.median(switch_runs),
        "deep_link_s": deep,
        "switch_median_s": statistics.median(t for times in switches.values() for t in times),
        "deep_link_median_s": statistics.median(t for times in deep.values() for t in times),
    }
