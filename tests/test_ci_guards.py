"""Inputs that CI always has must fail a CI run when missing, never skip it silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)]
)
def test_missing_corpus(monkeypatch, tmp_path: Path, ci: str | None, outcome) -> None:
    monkeypatch.setattr(conftest, "CORPUS", tmp_path / "missing")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        conftest.require_corpus()
