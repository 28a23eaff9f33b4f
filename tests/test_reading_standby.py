"""Parsing workers started ahead of an upload keep the isolation of a worker started for it:
one file per worker, the memory cap and timeout of the upload, the environment of now, and no
worker waiting forever."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from data import reading
from data.reading import standby
from tests.test_reading import _child_startup, _refusal, _workbook

SHEETS = ["Jäsenet", "Ohje"]  # the sheets of ``_workbook`` that hold cells


def _waiting() -> standby.Worker:
    """The worker ``warm`` started (it is started in the background)."""
    deadline = time.monotonic() + 30
    while standby._waiting is None:
        assert time.monotonic() < deadline, "no worker was started ahead"
        time.sleep(0.01)
    return standby._waiting


def _drop() -> None:
    worker, standby._waiting = standby._waiting, None
    if worker is not None:
        worker.close()


@pytest.fixture(autouse=True)
def _nothing_waiting():
    """Each test starts and ends without a worker waiting."""
    _drop()
    yield
    _drop()


def test_a_worker_started_ahead_reads_the_next_upload_and_only_that(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "jasenet.xlsx")
    reading.warm()
    first = _waiting()
    reading.warm()  # already one waiting: no second one
    assert standby._waiting is first
    sheets = reading.read_upload(path)
    assert [sheet.name for sheet in sheets] == SHEETS
    assert first.process.returncode == 0  # it answered and left
    assert standby._waiting is None  # the next one only when asked
    reading.warm()
    second = _waiting()
    assert second.process.pid != first.process.pid
    assert [sheet.name for sheet in reading.read_upload(path)] == SHEETS
    assert second.process.returncode == 0


def test_the_memory_cap_of_the_upload_holds_in_a_worker_started_ahead(tmp_path: Path) -> None:
    path = tmp_path / "iso.csv"
    path.write_bytes(b"a;b\n" * 10)
    reading.warm()
    waiting = _waiting()
    assert _refusal(path, memory_mb=20).code == "reading.unreadable"
    assert waiting.process.returncode is not None


def test_a_worker_started_before_the_environment_changed_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading.warm()
    stale = _waiting()
    _child_startup(tmp_path, monkeypatch, "import time\ntime.sleep(120)\n")
    error = _refusal(_workbook(tmp_path / "hidas.xlsx"), timeout_s=1.5)
    assert error.code == "reading.timeout"  # the new worker, started with the hook, hung
    assert stale.process.returncode is not None


def test_a_waiting_worker_leaves_after_its_idle_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(standby, "IDLE_S", 0.5)
    reading.warm()
    idle = _waiting()
    assert idle.process.wait(timeout=60) == 0
    sheets = reading.read_upload(_workbook(tmp_path / "jasenet.xlsx"))  # a fresh worker
    assert [sheet.name for sheet in sheets] == SHEETS
