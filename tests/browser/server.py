"""Start the app with ``streamlit run`` on a free localhost port, and drive it in Chromium.

Shared by the browser test and the screenshot script: the server, the browser launch options
and the small waits a Streamlit page needs before it can be read.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def app_server(db: Path, key_file: Path) -> Iterator[str]:
    """Serve ``app.py`` on the database ``db``; yields the base URL and stops the server after."""
    port = free_port()
    env = {**os.environ, "KLUSTERIMITTARI_DB": str(db), "KLUSTERIMITTARI_KEY_FILE": str(key_file)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited: {process.stderr.read().decode(errors='replace')}"
                )
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer on {url} in {START_TIMEOUT_S} s")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium with the flags a container needs."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def settle(page: Page, timeout_ms: int = 30_000) -> None:
    """Wait until the script run has finished and the page's charts have been drawn."""
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(el => el.querySelector('.main-svg'))",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)


def full_screenshot(page: Page, path: str) -> None:
    """A PNG of the whole page: the viewport grows to the main area's height first."""
    width = page.viewport_size["width"]
    height = page.evaluate(
        "() => Math.max(document.querySelector('[data-testid=\"stMain\"]').scrollHeight, 900)"
    )
    page.set_viewport_size({"width": width, "height": min(int(height), 12_000)})
    page.wait_for_timeout(500)
    page.screenshot(path=path)
    page.set_viewport_size({"width": width, "height": 900})


def open_page(page: Page, title: str) -> None:
    """Open a page through the sidebar navigation (the session, language included, is kept)."""
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    page.wait_for_timeout(200)
    settle(page)


def choose_language(page: Page, name: str) -> None:
    """Switch the language radio in the sidebar ("Suomi" or "English")."""
    page.locator("[data-testid='stSidebar'] label", has_text=name).first.click()
    page.wait_for_timeout(200)
    settle(page)
