"""Manager-only data: every core function that returns raw rows, open texts or the audit log
refuses the board role and answers the manager (SPEC 6, roles).

One case per function, so dropping ``require_manager`` from any one of them fails its own case.
The manager's answers are counted by hand from ``tests/fixtures_indicators.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pytest

from auth import audit_log
from auth.roles import PermissionDenied, require_manager
from data import audit
from indicators.analytics_context import import_history
from indicators.analytics_members import paying_but_passive
from indicators.analytics_stories import story_filters, success_stories
from indicators.survey import open_answers
from tests.fixtures_indicators import build

Call = Callable[[duckdb.DuckDBPyConnection, str], Any]


def _log(con: duckdb.DuckDBPyConnection) -> None:
    audit.record(con, "export", "indikaattorit.xlsx", user="mari", cluster_id="default")
    con.execute(
        "INSERT INTO import_log (import_id, cluster_id, file_name, sha256, kinds, imported_at,"
        " status)"
        " VALUES (1, 'default', 'jasenet.xlsx', 'ab', 'members', now(), 'loaded')"
    )


# (name, call, what the manager gets, reduced to something countable by hand)
CASES: list[tuple[str, Call, Callable[[Any], Any], Any]] = [
    (
        "audit.recent",
        lambda con, role: audit_log.recent(con, role=role),
        lambda rows: [(r["user_name"], r["action"], r["detail"]) for r in rows],
        [("mari", "export", "indikaattorit.xlsx")],
    ),
    (
        "open_answers",
        # S1 r6 wrote an open A2 answer; r3's A2 is blank and is not an answer.
        lambda con, role: open_answers(con, "default", role),
        lambda rows: [(r["item_code"], r["text"]) for r in rows],
        [("A2", "Lisää yritysvierailuja")],
    ),
    (
        "paying_but_passive",
        # No member of the fixture pays an annual fee: the list is empty, but answered.
        lambda con, role: paying_but_passive(con, "default", 2025, role=role),
        len,
        0,
    ),
    (
        "import_history",
        lambda con, role: import_history(con, "default", role=role),
        lambda rows: [(r["import_id"], r["file_name"]) for r in rows],
        [(1, "jasenet.xlsx")],
    ),
    (
        "success_stories(include_unconsented)",
        # 19 outcomes 2023-2025, none with consent: the manager sees all 19.
        lambda con, role: success_stories(
            con, "default", (2023, 2025), role=role, include_unconsented=True
        ),
        len,
        19,
    ),
    (
        "story_filters(include_unconsented)",
        lambda con, role: story_filters(
            con, "default", (2025, 2025), role=role, include_unconsented=True
        ),
        lambda row: row["outcome_types"],
        ["jobs_created", "media_visibility", "new_partnership"],
    ),
]


@pytest.fixture
def logged(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    build(con)
    _log(con)
    return con


@pytest.mark.parametrize(("name", "call", "reduce", "_"), CASES, ids=[c[0] for c in CASES])
def test_board_is_refused(logged, name: str, call: Call, reduce, _) -> None:
    with pytest.raises(PermissionDenied):
        call(logged, "board")


@pytest.mark.parametrize(("name", "call", "reduce", "expected"), CASES, ids=[c[0] for c in CASES])
def test_manager_is_answered(logged, name: str, call: Call, reduce, expected) -> None:
    assert reduce(call(logged, "manager")) == expected


@pytest.mark.parametrize("role", ["board", "", "Manager", "admin", "manager "])
def test_only_the_exact_manager_role_passes(role: str) -> None:
    with pytest.raises(PermissionDenied):
        require_manager(role)
    require_manager("manager")


def test_published_stories_need_no_role(logged) -> None:
    # Without include_unconsented the board gets the consented stories: none in the fixture.
    assert success_stories(logged, "default", (2023, 2025), role="board") == []
