"""The board's answer for one year (issue 16 item 1): inputs → activity → results from result
records, targets with their status, and the "data as of" stamp. Values are hand-made records."""

from __future__ import annotations

import datetime as dt

import duckdb

from indicators import honesty
from indicators.headline import headline, last_import


def rec(code: str, metric: str, year: int, value: float | None, unit: str = "count", **extra):
    row = {
        "code": code,
        "metric": metric,
        "year": year,
        "value": value,
        "unit": unit,
        "n": None,
        "suppressed": False,
        "data_class": "LOG" if code == "OUT-1" else "ADM",
        "note": None,
    }
    return row | extra


RECORDS = [
    # Inputs: the city paid 10 000 € of 25 000 € in 2023 and 15 000 € of 64 200 € in 2025.
    rec("FUN-1", "city_eur", 2023, 10000.0, "eur", n=1),
    rec("FUN-1", "city_eur", 2024, 0.0, "eur", n=0),  # no city row entered in 2024
    rec("FUN-1", "city_eur", 2025, 15000.0, "eur", n=1),
    rec("FUN-1", "city_share", 2025, 0.2336, "share"),
    rec("FUN-1", "total_eur", 2025, 64200.0, "eur", n=9),
    rec("FUN-1", "committed_eur", 2025, 33200.0, "eur", n=2),
    # Activity.
    rec("ORG-4", "person_participations", 2024, 119),
    rec("ORG-4", "person_participations", 2025, 153),
    rec("ORG-4", "participating_orgs", 2025, 36),
    rec("ORG-4", "events_held", 2025, 9),
    # Results.
    rec("OUT-1", "outcomes", 2025, 7),
    rec("OUT-1", "published_stories", 2025, 4),
    # Not in the headline, but targeted; and a record outside the years shown.
    rec("ORG-1", "members_year_end", 2024, 28),
    rec("ORG-1", "members_year_end", 2025, 34),
    rec("ORG-4", "person_participations", 2022, 10),
]
TARGETS = [
    {"code": "ORG-4", "metric": "person_participations", "year": 2025, "value": 150.0},
    {"code": "ORG-1", "metric": "members_year_end", "year": 2025, "value": 40.0},
    {"code": "FUN-1", "metric": "city_eur", "year": 2024, "value": 15000.0},  # another year
]
AFTER = dt.date(2026, 2, 1)


def test_sections_lead_with_money_reach_and_results_never_members() -> None:
    h = headline(RECORDS, TARGETS, 2025, (2023, 2025), today=AFTER)
    assert [s.key for s in h.sections] == ["inputs", "activity", "results"]
    leads = [s.figures[0].metric for s in h.sections]
    assert leads == ["city_eur", "person_participations", "outcomes"]
    assert all(f.metric != "members_year_end" for s in h.sections for f in s.figures)
    inputs = h.section("inputs")
    assert [f.metric for f in inputs.figures] == [
        "city_eur",
        "city_share",
        "total_eur",
        "committed_eur",
    ]
    assert inputs.get("city_eur").value == 15000.0
    assert inputs.get("city_share").value == 0.2336


def test_series_cover_the_years_shown_and_mark_what_was_not_recorded() -> None:
    h = headline(RECORDS, TARGETS, 2025, (2023, 2025), today=AFTER)
    city = h.section("inputs").get("city_eur")
    assert [(p.year, p.value, p.recorded) for p in city.series] == [
        (2023, 10000.0, True),
        (2024, 0.0, False),
        (2025, 15000.0, True),
    ]
    people = h.section("activity").get("person_participations")
    assert [p.year for p in people.series] == [2024, 2025]  # 2022 lies outside 2023-2025


def test_flows_have_no_change_stocks_do() -> None:
    h = headline(RECORDS, TARGETS, 2025, (2023, 2025), today=AFTER)
    assert h.section("activity").get("person_participations").change is None  # 119 → 153: a flow
    members = next(f for f in h.targets if f.metric == "members_year_end")
    assert members.change == (6.0, 2024)  # 34 − 28


def test_target_tiles_of_the_year_with_status() -> None:
    h = headline(RECORDS, TARGETS, 2025, (2023, 2025), today=AFTER)
    tiles = {(f.code, f.metric): (f.value, f.target, f.status) for f in h.targets}
    assert tiles == {
        ("ORG-4", "person_participations"): (153.0, 150.0, honesty.REACHED),
        ("ORG-1", "members_year_end"): (34.0, 40.0, honesty.NOT_REACHED),
    }
    lead = h.section("inputs").get("city_eur")
    assert lead.target is None and lead.status == honesty.NO_TARGET


def test_a_target_on_a_year_not_recorded_has_no_data() -> None:
    h = headline(RECORDS, TARGETS, 2024, (2023, 2025), today=AFTER)
    (tile,) = h.targets
    assert (tile.metric, tile.status) == ("city_eur", honesty.NO_DATA)


def test_sections_without_records_are_empty() -> None:
    h = headline(RECORDS[:6], [], 2025, (2023, 2025), today=AFTER)
    assert [len(s.figures) for s in h.sections] == [4, 0, 0]


def test_last_import_is_the_latest_loaded_one(con: duckdb.DuckDBPyConnection) -> None:
    assert last_import(con, "default") is None
    rows = [
        (1, "2025-01-10 09:00:00", "loaded"),
        (2, "2025-03-05 14:30:00", "loaded"),
        (3, "2025-04-01 08:00:00", "rejected"),
        (4, "2025-05-01 08:00:00", "undone"),
    ]
    for import_id, when, status in rows:
        con.execute(
            "INSERT INTO import_log (import_id, cluster_id, file_name, sha256, imported_at,"
            " status) VALUES (?, 'default', 'f.xlsx', 'x', ?, ?)",
            [import_id, when, status],
        )
    assert last_import(con, "default") == dt.datetime(2025, 3, 5, 14, 30)
