"""The architecture as the folders show it: Streamlit only in app.py and pages/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The code the app and the command line run. Not bench/: the benchmarks, like the tests, drive
# the pages with Streamlit's testing API (streamlit.testing), which is the one Streamlit import
# they may have; neither is imported by the product.
CORE_DIRS = ("data", "indicators", "export", "ui", "auth", "cli", "i18n")
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


def test_benchmarks_use_only_streamlit_testing_api() -> None:
    imports = [
        (str(path.relative_to(ROOT)), line.strip())
        for path in (ROOT / "bench").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if STREAMLIT_IMPORT.match(line)
    ]
    assert all(line.startswith("from streamlit.testing.") for _, line in imports), imports
