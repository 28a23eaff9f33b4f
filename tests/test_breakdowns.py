"""Page analytics on the hand-built fixture of ``fixtures_breakdowns`` (numbers by hand)."""

from __future__ import annotations

import duckdb
import pytest

from auth.roles import PermissionDenied
from i18n import t
from indicators import breakdowns as b
from indicators.compute import compute
from indicators.registry import built_in
from tests.fixtures_breakdowns import build

YEARS = (2022, 2024)


@pytest.fixture
def fx(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    build(con)
    return con


def by_year(rows: list[dict], key: str) -> dict[int, object]:
    return {row["year"]: row[key] for row in rows}


# --- funding ---------------------------------------------------------------------------


def test_funding_by_source_splits_paid_and_committed(fx) -> None:
    rows = {
        (r["year"], r["source_type"]): (r["paid_eur"], r["committed_eur"])
        for r in b.funding_by_source(fx, "default", YEARS)
    }
    assert rows == {
        (2023, "city_base_funding"): (10000, 0),  # the replaced 99 999 row is ignored
        (2023, "membership_fee"): (1500, 0),
        (2023, "eu_project"): (20000, 0),
        (2023, "foundation"): (2000, 0),
        (2023, "service_fee"): (0, 3000),
        (2024, "city_base_funding"): (0, 15000),
        (2024, "membership_fee"): (2000, 0),
        (2024, "national_project"): (8000, 0),
    }


def test_funding_by_group_shares_of_paid_total(fx) -> None:
    rows = b.funding_by_group(fx, "default", YEARS)
    assert len(rows) == 3 * 4  # every year of the range, every group
    shares = {(r["year"], r["funding_group"]): r["share"] for r in rows}
    # 2023 paid 33 500: city 10 000, fees 1 500, EU 20 000, foundation 2 000.
    assert shares[(2023, "public_long_term")] == 0.2985
    assert shares[(2023, "members")] == 0.0448
    assert shares[(2023, "projects")] == 0.597
    assert shares[(2023, "other")] == 0.0597
    assert shares[(2024, "projects")] == 0.8
    assert shares[(2022, "members")] is None  # nothing paid
    committed = {(r["year"], r["funding_group"]): r["committed_eur"] for r in rows}
    assert committed[(2023, "members")] == 3000
    assert committed[(2024, "public_long_term")] == 15000


def test_funding_reference_is_20_30_50() -> None:
    assert b.funding_reference() == [
        {"funding_group": "public_long_term", "share": 0.2},
        {"funding_group": "members", "share": 0.3},
        {"funding_group": "projects", "share": 0.5},
    ]


def test_funding_summary_city_share_and_project_dependency(fx) -> None:
    rows = {r["year"]: r for r in b.funding_summary(fx, "default", YEARS)}
    assert rows[2023]["total_paid_eur"] == 33500
    assert rows[2023]["city_share"] == 0.2985  # 10 000 / 33 500
    assert rows[2023]["project_dependency"] == 0.597  # 20 000 / 33 500
    assert rows[2023]["no_base_funding"] is False
    # 2024: the city's 15 000 is only committed, so it never counts in the share.
    assert rows[2024]["city_share"] == 0.0
    assert rows[2024]["city_committed_eur"] == 15000
    assert rows[2024]["project_dependency"] == 0.8  # 8 000 / 10 000
    assert rows[2024]["no_base_funding"] is True
    assert rows[2022]["city_share"] is None and rows[2022]["no_base_funding"] is False


# --- members ---------------------------------------------------------------------------


def test_retention_per_year(fx) -> None:
    rows = {r["year"]: r for r in b.retention(fx, "default", YEARS)}
    # 1.1.2023: Alfa, Beta, Gamma, Delta, university (joined 1.1.2023), city = 6; Gamma leaves.
    assert rows[2023] == {
        "year": 2023,
        "members_start": 6,
        "retained": 5,
        "retention_rate": 0.8333,
        "new_members": 1,
        "members_left": 1,
        "members_end": 5,
    }
    assert (rows[2022]["members_start"], rows[2022]["members_end"], rows[2022]["new_members"]) == (
        4,
        5,
        1,
    )
    assert (rows[2024]["retention_rate"], rows[2024]["members_end"]) == (1.0, 6)


def test_tenure_distribution_on_31_12(fx) -> None:
    rows = {r["band"]: r["members"] for r in b.tenure_distribution(fx, "default", 2024)}
    # Alfa 5 full years, Beta 2, university 1, city 4, Eta 0, Delta unknown.
    assert rows == {"under_1": 1, "1_2": 2, "3_4": 1, "5_9": 1, "10_plus": 0, "unknown": 1}


def test_followers_are_never_members(fx) -> None:
    rows = b.followers_vs_members(fx, "default", YEARS)
    assert by_year(rows, "members") == {2022: 5, 2023: 5, 2024: 6}
    assert by_year(rows, "followers") == {2022: 1, 2023: 1, 2024: 1}


def matrix(rows: list[dict]) -> dict[tuple[str | None, str], int]:
    return {(r["tier"], r["level"]): r["members"] for r in rows if r["members"]}


def test_tier_engagement_matrix_2023(fx) -> None:
    rows = b.tier_engagement(fx, "default", 2023)
    # Alfa governs (core); Beta 2 events (active); Delta 1 event (occasional); the university
    # 1 event but a partner in a project active in 2023 (active); the city 1 event (occasional).
    assert matrix(rows) == {
        ("Ydin", "core"): 1,
        ("Jäsen", "active"): 1,
        ("Jäsen", "occasional"): 1,
        ("Kumppani", "active"): 1,
        ("Kumppani", "occasional"): 1,
    }
    assert len(rows) == 3 * 4  # every level of every tier, zeros included
    assert [r["level"] for r in rows[:4]] == ["core", "active", "occasional", "passive"]


def test_tier_engagement_matrix_2024_excludes_followers(fx) -> None:
    # Epsilon attends in 2024 but is a follower: never in the matrix.
    assert matrix(b.tier_engagement(fx, "default", 2024)) == {
        ("Ydin", "core"): 1,
        ("Jäsen", "occasional"): 1,
        ("Jäsen", "passive"): 2,
        ("Kumppani", "passive"): 2,
    }


def test_paying_but_passive_is_manager_only(fx) -> None:
    with pytest.raises(PermissionDenied):
        b.paying_but_passive(fx, "default", 2024, role="board")
    # Delta is passive but pays nothing; the university and the city pay nothing either.
    assert b.paying_but_passive(fx, "default", 2024, role="manager") == [
        {"name": "Eta Oy", "tier": "Jäsen", "annual_fee_eur": 500.0}
    ]
    assert b.paying_but_passive(fx, "default", 2023, role="manager") == []


# --- events ----------------------------------------------------------------------------


def test_events_by_type(fx) -> None:
    rows = {
        (r["year"], r["event_type"]): r["events"] for r in b.events_by_type(fx, "default", YEARS)
    }
    assert rows == {
        (2022, "webinar"): 1,
        (2023, "seminar"): 2,
        (2023, "workshop"): 1,
        (2024, "matchmaking"): 1,
    }


def test_participation_trend_deduplicates_attended_rows(fx) -> None:
    rows = b.participation_trend(fx, "default", YEARS)
    assert by_year(rows, "person_participations") == {2022: 1, 2023: 10, 2024: 3}
    assert by_year(rows, "participating_orgs") == {2022: 1, 2023: 6, 2024: 3}
    assert by_year(rows, "events") == {2022: 1, 2023: 3, 2024: 1}


def test_participation_trend_has_zero_years(fx) -> None:
    rows = b.participation_trend(fx, "default", (2020, 2021))
    assert rows == [
        {"year": 2020, "events": 0, "person_participations": 0, "participating_orgs": 0},
        {"year": 2021, "events": 0, "person_participations": 0, "participating_orgs": 0},
    ]


def test_participation_by_org_type_and_helix(fx) -> None:
    rows = {
        (r["year"], r["org_type"]): (r["helix"], r["organisations"], r["person_participations"])
        for r in b.participation_by_org_type(fx, "default", (2023, 2023))
    }
    assert rows == {
        (2023, "company"): ("business", 3, 6),
        (2023, "rdi"): ("research_education", 1, 1),
        (2023, "public"): ("public", 1, 2),
        (2023, "other"): ("other", 1, 1),
    }


def test_row_order_does_not_change_counts(fx) -> None:
    before = b.participation_trend(fx, "default", YEARS)
    fx.execute(
        "CREATE TABLE p2 AS SELECT * FROM participation ORDER BY row_no DESC, import_id DESC"
    )
    fx.execute("DELETE FROM participation")
    fx.execute("INSERT INTO participation SELECT * FROM p2")
    assert b.participation_trend(fx, "default", YEARS) == before


# --- success stories -------------------------------------------------------------------


def test_board_sees_only_consented_stories(fx) -> None:
    rows = b.success_stories(fx, "default", YEARS, role="board")
    assert [r["title"] for r in rows] == ["Pilotti kaupungin kanssa", "Alfa ja Beta yhteistyöhön"]
    assert rows[1]["organisations"] == ["Alfa Oy", "Beta Oy"]
    assert all(r["consent_to_publish"] for r in rows)


def test_board_cannot_ask_for_unconsented_stories(fx) -> None:
    with pytest.raises(PermissionDenied):
        b.success_stories(fx, "default", YEARS, role="board", include_unconsented=True)
    with pytest.raises(PermissionDenied):
        b.story_filters(fx, "default", YEARS, role="board", include_unconsented=True)


def test_manager_sees_all_stories_marked(fx) -> None:
    rows = b.success_stories(
        fx, "default", YEARS, role="manager", include_unconsented=True, organisation="Alfa Oy"
    )
    assert [(r["title"], r["consent_to_publish"], r["amount_eur"]) for r in rows] == [
        ("Vientikauppa Ruotsiin", False, 50000),
        ("Alfa ja Beta yhteistyöhön", True, None),
    ]


def test_story_filters_by_type_and_year(fx) -> None:
    assert [
        r["title"]
        for r in b.success_stories(fx, "default", YEARS, role="board", outcome_type="pilot_test")
    ] == ["Pilotti kaupungin kanssa"]
    assert [
        r["title"] for r in b.success_stories(fx, "default", YEARS, role="board", year=2023)
    ] == ["Alfa ja Beta yhteistyöhön"]
    assert b.story_filters(fx, "default", YEARS, role="board") == {
        "outcome_types": ["new_partnership", "pilot_test"],
        "years": [2023, 2024],
        "organisations": ["Alfa Oy", "Beta Oy", "Loimaan kaupunki", "Yliopisto U"],
    }


# --- context and data overview ---------------------------------------------------------


def test_regional_series_is_context_within_range(fx) -> None:
    rows = b.regional_series(fx, "default", YEARS)
    assert [(r["year"], r["value"], r["context"]) for r in rows] == [
        (2023, 15800, True),
        (2024, 15700, True),
    ]
    assert "klusteri ei voi" in t("analytics.regional.context_note", "fi")


def test_row_counts_hold_effective_rows(fx) -> None:
    counts = {r["table"]: r["rows"] for r in b.row_counts(fx, "default")}
    assert counts["membership"] == 9 and counts["funding"] == 8
    assert counts["participation"] == 17 and counts["outcome"] == 3
    assert all(t(f"analytics.table.{table}", "en") for table in counts)


def test_import_history_is_manager_only(fx) -> None:
    with pytest.raises(PermissionDenied):
        b.import_history(fx, "default", role="board")
    rows = b.import_history(fx, "default", role="manager")
    assert [r["file_name"] for r in rows] == ["tapahtumat.xlsx", "jasenet.xlsx"]


def test_labels_exist_for_every_group_and_band() -> None:
    for group in b.GROUP_ORDER:
        assert t(f"analytics.funding_group.{group}", "en")
    for group in (*b.HELIX_GROUPS, "other"):
        assert t(f"analytics.helix.{group}", "fi")
    for band, _ in b.TENURE_BANDS:
        assert t(f"analytics.tenure.{band}", "en")


def test_pages_agree_with_the_indicator_results(fx) -> None:
    """The page series and the SPEC 5 records come from the same rules, so they never differ."""
    results = {
        (r.code, r.metric, r.year): r.value
        for r in compute(fx, built_in(), "default", codes=["ORG-1", "ORG-4", "FUN-1"])
    }
    for row in b.retention(fx, "default", YEARS):
        y = row["year"]
        assert results[("ORG-1", "retention_rate", y)] == row["retention_rate"]
        assert results[("ORG-1", "members_year_end", y)] == row["members_end"]
        assert results[("ORG-1", "new_members", y)] == row["new_members"]
        assert results[("ORG-1", "members_left", y)] == row["members_left"]
    for year in range(YEARS[0], YEARS[1] + 1):
        levels: dict[str, int] = {}
        for row in b.tier_engagement(fx, "default", year):
            levels[row["level"]] = levels.get(row["level"], 0) + row["members"]
        assert {lvl: results[("ORG-1", f"engagement_{lvl}", year)] for lvl in levels} == levels
    for row in b.participation_trend(fx, "default", YEARS):
        y = row["year"]
        assert results[("ORG-4", "person_participations", y)] == row["person_participations"]
        assert results[("ORG-4", "participating_orgs", y)] == row["participating_orgs"]
    for row in b.funding_by_group(fx, "default", (2023, 2024)):
        assert results[("FUN-1", f"share_{row['funding_group']}", row["year"])] == row["share"]
    for row in b.funding_summary(fx, "default", (2023, 2024)):
        assert results[("FUN-1", "city_share", row["year"])] == row["city_share"]
        assert results[("FUN-1", "total_eur", row["year"])] == row["total_paid_eur"]
