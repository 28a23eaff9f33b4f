"""Server-side render time of every page, driven by Streamlit's AppTest as the tests drive it.

This harness is not part of the app; like the tests it may use Streamlit's testing API (and
only that: tests/test_layout.py checks it).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "pages"


def page_files() -> list[str]:
    """Every page of the app, as AppTest's ``switch_page`` names them."""
    return [f"pages/{p.name}" for p in sorted(PAGES.glob("*.py")) if not p.name.startswith("_")]


def render_times(db: Path, repeats: int, timeout_s: float = 120) -> dict[str, dict[str, object]]:
    """Per page the manager can open: the first render in the session, the repeated renders
    and any exception."""
    os.environ["KLUSTERIMITTARI_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout_s)
    at.run()  # opens the connection and draws the default page once
    out: dict[str, dict[str, object]] = {}
    for page in page_files():
        try:
            at.switch_page(page)
        except ValueError:  # not in the manager's navigation (the sign-in page)
            continue
        times = []
        for _ in range(1 + repeats):
            start = time.perf_counter()
            at.switch_page(page).run()
            times.append(time.perf_counter() - start)
        out[page] = {
            "first_s": times[0],
            "repeat_s": times[1:],
            "exceptions": [str(e.message)[:300] for e in at.exception],
        }
    return out
