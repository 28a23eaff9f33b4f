"""The architecture as the folders show it: Streamlit only in app.py and pages/."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE_DIRS = ("data", "indicators", "export", "ui", "auth", "cli", "i18n", "bench")
STREAMLIT_IMPORT = re.compile(r"^\s*(import streamlit|from streamlit)", re.MULTILINE)


def test_no_streamlit_import_outside_app_and_pages() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in CORE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if STREAMLIT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_design_card_layout_present() -> None:
    for name in ("app.py", "pages", "indicators", "data", "pyproject.toml", "tests", "README.md"):
        assert (ROOT / name).exists(), name
