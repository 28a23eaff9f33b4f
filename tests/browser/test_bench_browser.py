"""The benchmark's browser timings run end to end (no time is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.browser import browser_times

pytestmark = pytest.mark.browser


def test_every_page_is_timed_by_switch_and_by_url(tmp_path: Path) -> None:
    times = browser_times(tmp_path / "app.duckdb", tmp_path / "app.key", rounds=1)
    pages = set(times["deep_link_s"])
    assert "/" in pages and "/data" in pages and len(pages) >= 10
    assert set(times["switch_s"]) == pages
    assert all(len(series) == 1 and series[0] > 0 for series in times["switch_s"].values())
    assert all(len(series) == 1 and series[0] > 0 for series in times["deep_link_s"].values())
    assert times["cold_first_load_s"] > 0 and len(times["first_load_s"]) == 5
    assert 0 < times["switch_run_median_s"] <= times["switch_median_s"]
