"""Golden test: every metric of every built-in indicator on the hand-checkable fixture.

Each expected number is derived by hand from ``tests/fixtures_indicators.py``; the arithmetic is
in the comments. Years of data: 2023-2025 (2025 holds an outcome and a project start only).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data.store import ensure_cluster, memory_db
from indicators.compute import compute
from indicators.record import Result
from indicators.registry import built_in
from tests.fixtures_indicators import build

N = None  # a null value
S = "suppressed"

# (code, metric) -> values for 2023, 2024, 2025 (every non-family metric has a record every year).
EXPECTED: dict[tuple[str, str], tuple] = {
    # ORG-1. Members on 31.12.: 2023 A,B,C,City,E = 5 (D follower, F former without end, H joins
    # 2024);
    # 2024 A,B,C,City (leaves 31.12.2024, still a member that day),H = 5 (E left 30.6.2024);
    # 2025 A,B,C,H = 4.
    ("ORG-1", "members_year_end"): (5, 5, 4),
    # member_since in Y: 2023 B (F former w/o end and D follower excluded); 2024 H; 2025 none.
    ("ORG-1", "new_members"): (1, 1, 0),
    # member_until in Y: 2024 E (30.6.) and City (31.12.).
    ("ORG-1", "members_left"): (0, 2, 0),
    # retention: 2023 on 1.1. A,C,City,E = 4, all still on 31.12. -> 4/4; 2024 A,B,C,City,E -> 4/5;
    # 2025 A,B,C,H -> 4/4.
    ("ORG-1", "retention_rate"): (1.0, 0.8, 1.0),
    # Engagement 2023: C core (steering group); A active (3 events, speaker but < 4);
    # E active (partner in P1, running 2023); B occasional (e1; absent at e3); City passive
    # (absent).
    # 2024: A core (5 events + host), C core; B active (e4, e6), H active (e4, e8);
    # City occasional (e5; not a partner of P2). 2025 (no events): C core; B active (P5 runs to
    # 6/2025), H active (P2 has no end); A passive.
    ("ORG-1", "engagement_core"): (1, 2, 1),
    ("ORG-1", "engagement_active"): (2, 2, 2),
    ("ORG-1", "engagement_occasional"): (1, 1, 0),
    ("ORG-1", "engagement_passive"): (1, 0, 1),
    # members with >= 1 participation: 2023 A,B,C of 5 = 0.6; 2024 all 5; 2025 0 of 4.
    ("ORG-1", "participating_member_share"): (0.6, 1.0, 0.0),
    # ORG-4. Events 2023: seminar, workshop, seminar = 3 of 2 types; 2024: 5 events of 5 types.
    ("ORG-4", "events_held"): (3, 5, 0),
    ("ORG-4", "distinct_event_types"): (2, 5, 0),
    # Persons 2023: e1 A, B, C (A's and C's second rows are duplicates, City absent) = 3;
    # e2 A, G = 2; e3 A (B absent) = 1 -> 6.
    # 2024: e4 A, B (second row: same name + org), H = 3; e5 A, City x4, City x7 = 3; e6 A, B = 2;
    # e7 A (B absent) = 1; e8 A, H (same e-mail twice), C (three rows chained) = 3 -> 12.
    ("ORG-4", "person_participations"): (6, 12, 0),
    # Orgs 2023: A, B, C, G = 4; 2024: A, B, H, City, C = 5.
    ("ORG-4", "participating_orgs"): (4, 5, 0),
    # REG-3. Company members' employees: A 10 + B 5 (+ H unknown) = 15, n = 2 in every year.
    ("REG-3", "member_jobs"): (15, 15, 15),
    # Like for like: no register gave counts per year (test_jobs_per_year has them) -> null.
    ("REG-3", "jobs_change_same_members"): (N, N, N),
    # ORG-2. Funded RDI projects starting in Y: 2023 P1: company 15 000, public 20 000 + 10 000;
    # 2024 P5: company 20 000, public 30 000 + 0 (P3 rejected).
    ("ORG-2", "rdi_company_eur"): (15000.0, 20000.0, 0.0),
    ("ORG-2", "rdi_public_eur"): (30000.0, 30000.0, 0.0),
    # ORG-3. EU of funded projects starting in Y: 2023 P1 40 000; 2024 P2 30 000 + P5 0;
    # 2025 P4 is only applied -> 0.
    ("ORG-3", "eu_funding_eur"): (40000.0, 30000.0, 0.0),
    # change: 2023 no funded project started in 2022 -> null; 2024 (30 000 - 40 000) / 40 000;
    # 2025 (0 - 30 000) / 30 000.
    ("ORG-3", "eu_funding_change"): (N, -0.25, -1.0),
    # success by application year: 2023 P1 (start), P2 (applied 10/2023) won, P6 rejected -> 2/3;
    # 2024 P5 won, P3 rejected -> 1/2; 2025 only P4 (applied, undecided) -> null.
    ("ORG-3", "application_success_rate"): (0.6667, 0.5, N),
    # FUN-1. 2023 paid: fee 3 000 + city 10 000 + EU project 5 000 + foundation 2 000 = 20 000;
    # committed city 15 000. 2024 paid: fees 4 000 + 1 000, city 15 000, regional 5 000,
    # national project 25 000 = 50 000; committed EU 10 000. 2025: nothing -> shares null.
    ("FUN-1", "total_eur"): (20000.0, 50000.0, 0.0),
    ("FUN-1", "committed_eur"): (15000.0, 10000.0, 0.0),
    ("FUN-1", "share_public_long_term"): (0.5, 0.4, N),  # 10/20; (15+5)/50
    ("FUN-1", "share_members"): (0.15, 0.1, N),  # 3/20; (4+1)/50
    ("FUN-1", "share_projects"): (0.25, 0.5, N),  # 5/20; 25/50
    ("FUN-1", "share_other"): (0.1, 0.0, N),  # foundation 2/20; 0/50
    ("FUN-1", "city_share"): (0.5, 0.3, N),  # 10/20; 15/50 (committed never counts)
    ("FUN-1", "city_eur"): (10000.0, 15000.0, 0.0),  # paid city rows only
    # OUT-1: every outcome row whatever its type: O1-O4, O5-O16, O17-O19; none has consent to
    # publish; euros 2023 O3 20 000; 2024 O7 50 000 + O8 200 000 + O9 100 000 + O12 30 000.
    ("OUT-1", "outcomes"): (4, 12, 3),
    ("OUT-1", "published_stories"): (0, 0, 0),
    ("OUT-1", "outcomes_eur"): (20000.0, 380000.0, 0.0),
    # ORG-4: events with at least one attendance row: e1-e3, e4-e8 (2025 has no events).
    ("ORG-4", "events_with_attendance"): (3, 5, 0),
    # Outcomes by the SPEC type mapping (O1..O19 of the fixture).
    ("COM-1", "outcomes"): (2, 0, 1),
    ("COM-1", "outcomes_eur"): (0.0, 0.0, 0.0),
    ("COM-2", "outcomes"): (2, 0, 0),
    ("COM-2", "outcomes_eur"): (20000.0, 0.0, 0.0),
    ("REG-2", "outcomes"): (2, 0, 0),
    ("REG-2", "outcomes_eur"): (20000.0, 0.0, 0.0),
    ("COM-3", "outcomes"): (0, 1, 0),
    ("COM-3", "outcomes_eur"): (0.0, 0.0, 0.0),
    ("COM-4", "outcomes"): (0, 2, 0),
    ("COM-4", "outcomes_eur"): (0.0, 50000.0, 0.0),
    ("COM-5", "outcomes"): (0, 1, 0),
    ("COM-5", "outcomes_eur"): (0.0, 200000.0, 0.0),
    # REG-5: domestic 100 000 + foreign 200 000 + new establishment (no amount).
    ("REG-5", "outcomes"): (0, 3, 0),
    ("REG-5", "outcomes_eur"): (0.0, 300000.0, 0.0),
    ("REG-1", "outcomes"): (0, 2, 0),
    ("REG-1", "outcomes_eur"): (0.0, 30000.0, 0.0),
    ("RDI-1", "outcomes"): (0, 2, 0),
    ("RDI-1", "outcomes_eur"): (0.0, 0.0, 0.0),
    ("RDI-2", "outcomes"): (0, 2, 0),
    ("RDI-2", "outcomes_eur"): (0.0, 0.0, 0.0),
    ("PUB-2", "outcomes"): (0, 1, 0),
    ("PUB-2", "outcomes_eur"): (0.0, 0.0, 0.0),
    ("PUB-4", "outcomes"): (0, 0, 1),
    ("PUB-4", "outcomes_eur"): (0.0, 0.0, 0.0),
    # REG-4: funded projects starting in Y with an RDI and a company partner: 2023 P1 (C + A,
    # budget 100 000); 2024 P5 (C + B, 80 000); P3 is joint but rejected.
    ("REG-4", "joint_rdi_projects"): (1, 1, 0),
    ("REG-4", "joint_rdi_projects_eur"): (100000.0, 80000.0, 0.0),
    # PUB-2 projects: city_need and funded, starting 2024: P2 50 000 + P5 80 000.
    ("PUB-2", "city_need_projects"): (0, 2, 0),
    ("PUB-2", "city_need_projects_eur"): (0.0, 130000.0, 0.0),
    # PUB-1 proxy: public-sector persons: 2024 City x4 and x7 at e5 (2023 City was absent).
    ("PUB-1", "public_participations"): (0, 2, 0),
    # PUB-3 proxy: info sessions: e5 in 2024.
    ("PUB-3", "info_sessions"): (0, 1, 0),
    # ESCA: actors = members; company share 2023 A,B of 5; 2024 A,B,H of 5; 2025 A,B,H of 4.
    ("ESCA", "actors"): (5, 5, 4),
    ("ESCA", "company_share"): (0.4, 0.6, 0.75),
    ("ESCA", "activity_types"): (2, 5, 0),
    # criteria (>= 15 actors, share > 0.5, >= 5 types): 2023 none; 2024 share + types; 2025 share.
    ("ESCA", "criteria_met"): (0, 2, 1),
    # ORG-5 response rate: 2023 S3: r1..r3 answered (r4 empty) = 3 / 10 invited;
    # 2024 S1 6 responses (r6 answered only the open A2) + S2 4 = 10 / (20 + 10); 2025 no survey.
    ("ORG-5", "response_rate"): (0.3, 0.3333, N),
}
EXPECTED_N = {
    ("REG-3", "member_jobs"): (2, 2, 2),
    ("REG-3", "jobs_change_same_members"): (0, 0, 0),
    ("ORG-5", "response_rate"): (3, 10, None),
    # Euro sums carry the rows they rest on (0 = not recorded): paid 2023 fee, city, EU,
    # foundation; 2024 two fees, city, regional, national project; committed one row a year.
    ("FUN-1", "total_eur"): (4, 5, 0),
    ("FUN-1", "committed_eur"): (1, 1, 0),
    ("FUN-1", "city_eur"): (1, 1, 0),
    ("OUT-1", "outcomes_eur"): (1, 4, 0),
    # Project sums: the funded projects starting in Y that the sum adds an amount of. ORG-2
    # (RDI): 2023 P1 (company 15 000; national 20 000, municipal 10 000), 2024 P5 (company
    # 20 000; national 30 000), 2025 none.
    ("ORG-2", "rdi_company_eur"): (1, 1, 0),
    ("ORG-2", "rdi_public_eur"): (1, 1, 0),
    # ORG-3: 2023 P1 40 000; 2024 P2 30 000 and P5 an entered 0; 2025 P4 is only applied.
    ("ORG-3", "eu_funding_eur"): (1, 2, 0),
    # PUB-2 budgets: 2024 P2 50 000 and P5 80 000 (P1 answers no need of the city).
    ("PUB-2", "city_need_projects_eur"): (0, 2, 0),
    # REG-4 budgets: 2023 P1 100 000; 2024 P5 80 000.
    ("REG-4", "joint_rdi_projects_eur"): (1, 1, 0),
    # Outcome sums: the rows of the indicator's types with an amount (O3 new product 20 000 in
    # 2023; O7 export deal, O8 foreign and O9 domestic investment, O12 procurement in 2024).
    ("COM-1", "outcomes_eur"): (0, 0, 0),
    ("COM-2", "outcomes_eur"): (1, 0, 0),  # O3
    ("REG-2", "outcomes_eur"): (1, 0, 0),  # O3
    ("COM-3", "outcomes_eur"): (0, 0, 0),
    ("COM-4", "outcomes_eur"): (0, 1, 0),  # O7 export deal 50 000; O6 has no amount
    ("COM-5", "outcomes_eur"): (0, 1, 0),  # O8
    ("REG-5", "outcomes_eur"): (0, 2, 0),  # O8, O9; O10 new establishment has no amount
    ("REG-1", "outcomes_eur"): (0, 1, 0),  # O12; O11 has no amount
    ("RDI-1", "outcomes_eur"): (0, 0, 0),
    ("RDI-2", "outcomes_eur"): (0, 0, 0),
    ("PUB-2", "outcomes_eur"): (0, 0, 0),
    ("PUB-4", "outcomes_eur"): (0, 0, 0),
}

# Family metrics: (code, year, metric) -> (value, n); S = suppressed.
EXPECTED_FAMILY: dict[tuple[str, int, str], tuple] = {
    # ORG-4 by org type. 2023: company A, B; rdi C; other G (not in the register).
    ("ORG-4", 2023, "participating_orgs_by_type.company"): (2, None),
    ("ORG-4", 2023, "participating_orgs_by_type.rdi"): (1, None),
    ("ORG-4", 2023, "participating_orgs_by_type.other"): (1, None),
    # 2024: company A, B, H; public City; rdi C.
    ("ORG-4", 2024, "participating_orgs_by_type.company"): (3, None),
    ("ORG-4", 2024, "participating_orgs_by_type.public"): (1, None),
    ("ORG-4", 2024, "participating_orgs_by_type.rdi"): (1, None),
    # A6 2023 (S3): 4, 5, 2 -> n 3 < 5: suppressed.
    ("ORG-5", 2023, "mean.A6"): (S, 3),
    ("ORG-5", 2023, "agree_share.A6"): (S, 3),
    # A6 2024 pooled: S1 5, 4, 3, 4, 2 and S2 5, 1 -> n 7, mean 24 / 7 = 3.43, agree 4 / 7.
    ("ORG-5", 2024, "mean.A6"): (3.43, 7),
    ("ORG-5", 2024, "agree_share.A6"): (0.5714, 7),
    # B1 2024 (S2): 5, 4, 4, 3 -> n 4: suppressed.
    ("ORG-5", 2024, "mean.B1"): (S, 4),
    ("ORG-5", 2024, "agree_share.B1"): (S, 4),
    # P1 2024: 4, 4, 5, 2 -> n 4: suppressed.
    ("PUB-1", 2024, "mean.P1"): (S, 4),
    ("PUB-1", 2024, "agree_share.P1"): (S, 4),
    # P3 2024: 3, 3, 4, 5, 4, 2 -> mean 21 / 6 = 3.5, agree 3 / 6.
    ("PUB-3", 2024, "mean.P3"): (3.5, 6),
    ("PUB-3", 2024, "agree_share.P3"): (0.5, 6),
    # A12 yes/no: 1, 0, 1, 1, 0 -> yes 3 / 5, no mean.
    ("COM-3", 2024, "agree_share.A12"): (0.6, 5),
}

YEARS = (2023, 2024, 2025)

# One case per (code, metric, year), so a failure names the figure that changed.
FIXED_CASES = [
    (code, metric, year, value, EXPECTED_N.get((code, metric), (None,) * len(YEARS))[i])
    for (code, metric), values in EXPECTED.items()
    for i, (year, value) in enumerate(zip(YEARS, values, strict=True))
]


@pytest.fixture(scope="module")
def results() -> Iterator[list[Result]]:
    """Every result of the fixture, computed once for the module."""
    con = memory_db()
    try:
        ensure_cluster(con, "default")
        build(con)
        yield compute(con, built_in())
    finally:
        con.close()


@pytest.fixture(scope="module")
def fixed(results: list[Result]) -> dict[tuple[str, str, int | None], Result]:
    return {(r.code, r.metric, r.year): r for r in results if "." not in r.metric}


@pytest.fixture(scope="module")
def family(results: list[Result]) -> dict[tuple[str, int | None, str], Result]:
    return {(r.code, r.year, r.metric): r for r in results if "." in r.metric}


@pytest.mark.parametrize(
    ("code", "metric", "year", "value", "n"),
    FIXED_CASES,
    ids=[f"{code}/{metric}/{year}" for code, metric, year, _, _ in FIXED_CASES],
)
def test_fixed_metric(fixed, code: str, metric: str, year: int, value, n) -> None:
    record = fixed[(code, metric, year)]
    assert (record.value, record.n, record.suppressed) == (value, n, False)
    assert (record.note is None) == (value is not None)


def test_no_fixed_metric_beyond_the_expected(fixed) -> None:
    assert set(fixed) == {(code, metric, year) for code, metric, year, _, _ in FIXED_CASES}


@pytest.mark.parametrize(
    ("code", "year", "metric"), EXPECTED_FAMILY, ids=[f"{c}/{m}/{y}" for c, y, m in EXPECTED_FAMILY]
)
def test_family_metric(family, code: str, year: int, metric: str) -> None:
    value, n = EXPECTED_FAMILY[(code, year, metric)]
    record = family[(code, year, metric)]
    if value == S:
        assert (record.value, record.n, record.suppressed) == (None, n, True)
    else:
        assert (record.value, record.n, record.suppressed) == (value, n, False)


def test_no_family_metric_beyond_the_expected(family) -> None:
    assert set(family) == set(EXPECTED_FAMILY)


def test_every_null_carries_a_note(results):
    assert all(r.note for r in results if r.value is None)
    assert all(r.note is None for r in results if r.value is not None)


def test_units_and_types_of_values(results):
    by_key = {(r.code, r.metric): r for r in results}
    assert by_key[("ORG-4", "person_participations")].unit == "count"
    assert isinstance(by_key[("ORG-4", "person_participations")].value, int)
    assert by_key[("FUN-1", "total_eur")].unit == "eur"
    assert by_key[("ORG-1", "retention_rate")].unit == "share"
    assert by_key[("ORG-5", "mean.A6")].unit == "score"


def test_results_are_sorted_by_code_year_metric(results):
    keys = [(r.code, r.year, r.metric) for r in results]
    assert keys == sorted(keys)


def test_year_alone(con):
    build(con)
    only = compute(con, built_in(), year=2024)
    assert {r.year for r in only} == {2024}
    full = {(r.code, r.metric): r for r in compute(con, built_in()) if r.year == 2024}
    assert {(r.code, r.metric): r for r in only} == full
