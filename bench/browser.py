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
SHOWN_JS = """(previous) => {
    const app = document.querySelector('[data-test-script-state]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const title = document.querySelector('[data-testid="stMain"] h1');
    if (!title || title.textContent === previous) return false;
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(el => el.querySelector('.main-svg'));
}"""


def _shown(page: Page, previous: str | None = None, timeout_ms: int = 60_000) -> str:
    """Wait until the page is shown (see module doc); its title."""
    page.wait_for_function(SHOWN_JS, arg=previous, timeout=timeout_ms, polling=20)
    return page.locator("[data-testid='stMain'] h1").first.text_content() or ""


def _links(page: Page) -> list[tuple[str, str]]:
    """(path, href) of the sidebar's page links, in navigation order (``/`` for the default
    page)."""
    return page.eval_on_selector_all(
        "[data-testid='stSidebarNav'] a",
        "els => els.map(a => [new URL(a.href).pathname, a.href])",
    )


def browser_times(db: Path, key_file: Path, rounds: int = 1) -> dict[str, object]:
    """First loads, page switches and deep links on ``db`` (seconds per page)."""
    first: list[float] = []
    switches: dict[str, list[float]] = {}
    deep: dict[str, list[float]] = {}
    with app_server(db, key_file) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for _ in range(rounds + 1):  # the first round warms the server: not counted
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                title = _shown(page)
                elapsed = time.perf_counter() - start
                links = _links(page)
                for name, href in [*links[1:], links[0]]:
                    start = time.perf_counter()
                    page.locator(f"[data-testid='stSidebarNav'] a[href='{href}']").first.click()
                    title = _shown(page, title)
                    switches.setdefault(name, []).append(time.perf_counter() - start)
                context.close()
                for name, href in links:
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(href)
                    _shown(page)
                    deep.setdefault(name, []).append(time.perf_counter() - start)
                    context.close()
                first.append(elapsed)
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
        "deep_link_s": deep,
        "switch_median_s": statistics.median(t for times in switches.values() for t in times),
        "deep_link_median_s": statistics.median(t for times in deep.values() for t in times),
    }
