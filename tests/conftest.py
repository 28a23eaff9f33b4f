"""Shared fixtures: an in-memory database with the schema, and an isolated hashing key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from auth.throttle import THROTTLE
from data.store import ensure_cluster, memory_db


def _shared_folder() -> Path:
    """``shared/`` beside the repository (or beside a folder above it, as for a worktree)."""
    for parent in Path(__file__).resolve().parents[1:]:
        if (parent.parent / "shared").is_dir():
            return parent.parent / "shared"
    return Path(__file__).resolve().parents[2] / "shared"


SHARED = _shared_folder()
CORPUS = SHARED / "corpus" / "xlsx-wild"


@pytest.fixture(autouse=True)
def _isolated_key(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own pseudonymisation key outside any database."""
    key_dir = tmp_path_factory.mktemp("key")
    monkeypatch.setenv("KLUSTERIMITTARI_KEY_FILE", str(key_dir / "test.key"))
    monkeypatch.delenv("KLUSTERIMITTARI_DB", raising=False)
    THROTTLE.clear()  # failed sign-ins of one test never throttle another


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory database with the schema and the default cluster."""
    connection = memory_db()
    ensure_cluster(connection, "default", "Testiklusteri")
    yield connection
    connection.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a database file in a fresh temporary folder."""
    return tmp_path / "test.duckdb"


def corpus_available() -> bool:
    return CORPUS.is_dir() and os.access(CORPUS, os.R_OK)


def require_corpus() -> None:
    """Skip a module that reads the corpus when it is missing, or fail it under ``CI=true``:
    CI always has the corpus, so its absence there is an error, not a reason to pass."""
    if corpus_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"corpus folder {CORPUS} is missing on CI", pytrace=False)
    pytest.skip(f"corpus folder {CORPUS} is missing", allow_module_level=True)
