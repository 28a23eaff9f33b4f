"""Every browser test needs Chromium: skipped without it, unless CI=true (then it fails)."""

from __future__ import annotations

import os

import pytest

from tests.browser.server import CHROMIUM


@pytest.fixture(autouse=True)
def _chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing on CI: apt-get install chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); CI runs this test")
