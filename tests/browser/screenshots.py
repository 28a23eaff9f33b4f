"""Save a PNG of every page in Finnish and English into ``screenshots/`` (``make screenshots``).

Loads the demo cluster into a temporary database, serves the app and walks the navigation in
headless Chromium as the manager (who sees every page).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from appkit.frame import SECTIONS
from data.demo import load_demo
from data.store import open_db
from i18n import LANGS, t
from tests.browser.server import (
    CHROMIUM,
    ROOT,
    app_server,
    choose_language,
    full_screenshot,
    launch,
    open_page,
    settle,
)

OUT = ROOT / "screenshots"
LANGUAGE_NAMES = {"fi": "Suomi", "en": "English"}


def main() -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db, key = Path(folder) / "demo.duckdb", Path(folder) / "demo.key"
        os.environ["KLUSTERIMITTARI_KEY_FILE"] = str(key)
        con = open_db(db)
        load_demo(con)
        con.close()
        with app_server(db, key) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            settle(page)
            for lang in LANGS:
                choose_language(page, LANGUAGE_NAMES[lang])
                for specs in SECTIONS.values():
                    for spec in specs:
                        open_page(page, t(spec.title, lang))
                        path = OUT / f"{spec.url}-{lang}.png"
                        full_screenshot(page, str(path))
                        print(path.relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
