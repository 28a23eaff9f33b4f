"""Server-side render time of every page, driven by Streamlit's AppTest as the tests drive it.

This harness is not part of the app: it loads the test driver by name, so the rule that core
modules never import Streamlit (tests/test_layout.py) keeps meaning what it says for the code
the app and the command line run.
"""
from __future__ import annotations

import importlib
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "pages"


def page_files() -> list[str]:
    """Every page of the app, as AppTest's ``switch_page`` names them."""
    return [f"pages/{p.name}" for p in sorted(PAGES.glob("*.py")) if not p.name.startswith("_")]


def render_times(db: Path, repeats: int, timeout_s: float = 120) -> dict[str, dict[str, object]]:
    """Per page: the first render in the session, the repeated renders and any exception."""
    app_test = importlib.import_module("streamlit.testing.v1").AppTest
    os.environ["KLUSTERIMITTARI_DB"] = str(db)
    at = app_test.from_file(str(ROOT / "app.py"), default_timeout=timeout_s)
    at.run()          # opens the connection and draws the default page once
    out: dict[str, dict[str, object]] = {}
    for page in page_files():
        times = []
        for _ in range(1 + repeats):
            start = time.perf_counter()
            at.switch_page(page).run()
            times.append(time.perf_counter() - start)
        out[page] = {"first_s": times[0], "repeat_s": times[1:],
                     "exceptions": [str(e.message)[:300] for e in at.exception]}
    return out
