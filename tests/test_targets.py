"""Targets: CRUD, validation, audit entries, pairing with results, and the CLI."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cli.main import main
from data import audit
from data.store import open_db
from i18n.format import parse_number
from indicators import targets as tg
from indicators.record import Result
from indicators.registry import built_in


def result(code: str, metric: str, year: int, value: float) -> Result:
    return Result(
        code, metric, year, value, "count", None, False, "n", "n", "cluster_org", "ADM", None
    )


def test_set_list_replace_remove(con: duckdb.DuckDBPyConnection) -> None:
    tg.set_target(
        con, built_in(), "default", "ORG-1", "members_year_end", 2025, 40, "koordinaattori"
    )
    tg.set_target(con, built_in(), "default", "FUN-1", "city_share", 2025, 0.2, "koordinaattori")
    tg.set_target(
        con, built_in(), "default", "ORG-1", "members_year_end", 2025, 45, "toinen"
    )  # replaces
    rows = tg.list_targets(con, "default")
    assert [(r["code"], r["metric"], r["year"], r["value"], r["set_by"]) for r in rows] == [
        ("FUN-1", "city_share", 2025, 0.2, "koordinaattori"),
        ("ORG-1", "members_year_end", 2025, 45.0, "toinen"),
    ]
    assert tg.remove_target(con, "default", "FUN-1", "city_share", 2025, "koordinaattori") is True
    assert tg.remove_target(con, "default", "FUN-1", "city_share", 2025, "koordinaattori") is False
    assert [r["code"] for r in tg.list_targets(con, "default")] == ["ORG-1"]
    assert tg.list_targets(con, "other") == []


def test_every_change_is_audited(con: duckdb.DuckDBPyConnection) -> None:
    tg.set_target(con, built_in(), "default", "ORG-4", "events_held", 2025, 12, "koordinaattori")
    tg.remove_target(con, "default", "ORG-4", "events_held", 2025, "koordinaattori")
    tg.remove_target(
        con, "default", "ORG-4", "events_held", 2025, "koordinaattori"
    )  # nothing to remove
    entries = sorted((e[1], e[2], e[3], e[4]) for e in audit.entries(con))
    assert entries == [
        ("default", "koordinaattori", "target_remove", "ORG-4 events_held 2025"),
        ("default", "koordinaattori", "target_set", "ORG-4 events_held 2025 = 12"),
    ]


@pytest.mark.parametrize(
    ("code", "metric", "year", "value", "key"),
    [
        ("", "m", 2025, 1.0, "analytics.target.unknown_code"),
        ("ORG-1", " ", 2025, 1.0, "analytics.target.no_metric"),
        ("ORG-1", "members", 2025, 1.0, "analytics.target.unknown_metric"),
        ("ORG-1", "members_year_end", 1800, 1.0, "analytics.target.bad_year"),
        ("ORG-1", "members_year_end", 2025, float("nan"), "analytics.target.bad_value"),
    ],
)
def test_invalid_targets_are_rejected(con, code, metric, year, value, key) -> None:
    with pytest.raises(tg.TargetError) as caught:
        tg.set_target(con, built_in(), "default", code, metric, year, value, "k")
    assert caught.value.key == key
    assert tg.list_targets(con, "default") == [] and audit.entries(con) == []


def test_known_codes_come_from_the_registry(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(tg.TargetError) as caught:
        tg.set_target(con, built_in(), "default", "XYZ-9", "m", 2025, 1, "k")
    assert caught.value.key == "analytics.target.unknown_code"


def test_family_metrics_accept_their_members(con: duckdb.DuckDBPyConnection) -> None:
    tg.set_target(con, built_in(), "default", "ORG-5", "agree_share.A6", 2025, 0.8, "k")
    with pytest.raises(tg.TargetError) as caught:
        tg.set_target(con, built_in(), "default", "ORG-4", "events", 2025, 10, "k")
    assert "events_held" in caught.value.message("en")


def test_with_targets_pairs_by_code_metric_year() -> None:
    results = [
        result("ORG-1", "members_year_end", 2024, 30),
        result("ORG-1", "members_year_end", 2025, 33),
        result("ORG-4", "events_held", 2025, 9),
    ]
    targets = [
        {"code": "ORG-1", "metric": "members_year_end", "year": 2025, "value": 40.0},
        {"code": "ORG-4", "metric": "events_held", "year": 2024, "value": 10.0},
    ]
    assert [(r.year, r.code, target) for r, target in tg.with_targets(results, targets)] == [
        (2024, "ORG-1", None),
        (2025, "ORG-1", 40.0),
        (2025, "ORG-4", None),
    ]


def test_cli_set_list_remove(db_path: Path, capsys) -> None:
    base = ["--db", str(db_path), "--lang", "en"]
    assert main(["target", "set", "ORG-1", "members_year_end", "2025", "40", *base]) == 0
    assert main(["target", "set", "FUN-1", "city_share", "2025", "0,25", *base]) == 0
    assert "Target saved: FUN-1 city_share 2025 = 0.25" in capsys.readouterr().out
    assert main(["target", "list", *base]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:4] == ["code", "metric", "year", "target"]
    assert [line.split("\t")[:4] for line in lines[1:]] == [
        ["FUN-1", "city_share", "2025", "0.25"],
        ["ORG-1", "members_year_end", "2025", "40"],
    ]
    assert main(["target", "remove", "FUN-1", "city_share", "2025", *base]) == 0
    assert main(["target", "remove", "FUN-1", "city_share", "2025", *base]) == 1
    assert "No such target" in capsys.readouterr().err
    con = open_db(db_path)
    try:
        assert [r["code"] for r in tg.list_targets(con, "default")] == ["ORG-1"]
        assert sorted(e[3] for e in audit.entries(con)) == [
            "target_remove",
            "target_set",
            "target_set",
        ]
    finally:
        con.close()


def test_cli_finnish_messages_and_cluster(db_path: Path, capsys) -> None:
    base = ["--db", str(db_path), "--cluster", "toinen"]
    assert main(["target", "set", "ORG-1", "members_year_end", "2025", "1 500,5", *base]) == 0
    assert "Tavoite tallennettu" in capsys.readouterr().out
    assert main(["target", "list", *base]) == 0
    assert "1\u00a0500,5" in capsys.readouterr().out
    assert main(["target", "list", "--db", str(db_path)]) == 0
    assert "Tavoitteita ei ole asetettu" in capsys.readouterr().out


def test_cli_rejected_input_exit_1_and_usage_exit_2(db_path: Path, capsys) -> None:
    base = ["--db", str(db_path), "--lang", "en"]
    assert main(["target", "set", "ORG-1", "members_year_end", "1800", "1", *base]) == 1
    assert "Invalid year 1800" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["target", "set", "ORG-1", "members_year_end", "vuosi", "1", *base])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        main(["target", "set", "ORG-1", "members_year_end", "2025", "paljon", *base])
    assert usage.value.code == 2


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", 12.0),
        ("4,2", 4.2),
        ("0.35", 0.35),
        ("1 500,5", 1500.5),
        ("1\u00a0500", 1500.0),
        ("40 %", 0.4),
        ("12,5%", 0.125),
        ("\u22122", -2.0),
        ("-0,5", -0.5),
        ("", None),
        ("   ", None),
        ("puolikas", None),
        ("1,500.5", None),
        ("1.2.3", None),
        ("%", None),
    ],
)
def test_typed_numbers_in_either_language(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value
