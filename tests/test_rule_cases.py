"""The SPEC 5 rules one case at a time: membership on a date, engagement levels, the FUN-1 source
groups, attended-before-de-duplication and the n < 5 line on every survey path.

Each case inserts the few rows it needs and states its expectation as a literal worked out by
hand from SPEC, so a rule broken in one place fails the case that names it.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest

from export.board_data import board_data
from export.workbook import export_workbook
from indicators import custom
from indicators.compute import compute
from indicators.registry import built_in
from indicators.survey import item_stats, response_rates

CLUSTER = "default"
D = date


def _orgs(con: duckdb.DuckDBPyConnection, *orgs: tuple[int, str]) -> None:
    con.executemany(
        "INSERT INTO organisation (cluster_id, org_id, name, name_key, org_type, import_id)"
        " VALUES ('default', ?, ?, ?, ?, 1)",
        [(org_id, f"Org {org_id}", f"org {org_id}", org_type) for org_id, org_type in orgs],
    )


def _member(
    con: duckdb.DuckDBPyConnection,
    org_id: int,
    status: str = "member",
    since: date | None = None,
    until: date | None = None,
    governance: str = "none",
    org_type: str = "company",
) -> None:
    con.execute(
        "INSERT INTO membership (cluster_id, import_id, org_id, org_type, status, member_since,"
        " member_until, governance_role) VALUES ('default', 1, ?, ?, ?, ?, ?, ?)",
        [org_id, org_type, status, since, until, governance],
    )


def _values(con: duckdb.DuckDBPyConnection, code: str, year: int) -> dict[str, object]:
    return {r.metric: r.value for r in compute(con, built_in(), CLUSTER, year, codes=[code])}


# --- membership on a date (SPEC 5) ------------------------------------------------------------
# (status, member_since, member_until) -> ORG-1 of 2024: (members_year_end, new_members,
# members_left, retention_rate); retention = members on 1.1. still members on 31.12. / members
# on 1.1. (null when nobody was a member on 1.1.).
MEMBERSHIP_CASES = {
    "joins on 1.1.": (("member", D(2024, 1, 1), None), (1, 1, 0, 1.0)),
    "joins on 31.12.": (("member", D(2024, 12, 31), None), (1, 1, 0, None)),
    "leaves on 1.1.": (("member", D(2020, 1, 1), D(2024, 1, 1)), (0, 0, 1, 0.0)),
    "leaves on 31.12.": (("member", D(2020, 1, 1), D(2024, 12, 31)), (1, 0, 1, 1.0)),
    "left the year before": (("member", D(2020, 1, 1), D(2023, 12, 31)), (0, 0, 0, None)),
    "joins the year after": (("member", D(2025, 1, 1), None), (0, 0, 0, None)),
    "no dates": (("member", None, None), (1, 0, 0, 1.0)),
    "follower": (("follower", D(2024, 3, 1), None), (0, 0, 0, None)),
    "follower with an end": (("follower", D(2020, 1, 1), D(2024, 6, 30)), (0, 0, 0, None)),
    "former without an end": (("former", D(2024, 3, 1), None), (0, 0, 0, None)),
    "former with an end": (("former", D(2020, 1, 1), D(2024, 6, 30)), (0, 0, 1, 0.0)),
}


@pytest.mark.parametrize("case", MEMBERSHIP_CASES)
def test_membership_on_a_date(con, case: str) -> None:
    (status, since, until), expected = MEMBERSHIP_CASES[case]
    _orgs(con, (1, "company"))
    _member(con, 1, status, since, until)
    got = _values(con, "ORG-1", 2024)
    metrics = ("members_year_end", "new_members", "members_left", "retention_rate")
    assert tuple(got[m] for m in metrics) == expected


# --- engagement levels (SPEC 5) --------------------------------------------------------------
# A member's attended rows in 2024 (events 1..n, one row each; ``role`` of the first row),
# absent rows, governance role and project partnership -> its level.
ENGAGEMENT_CASES = {
    "4 events and a talk": ({"events": 4, "role": "speaker"}, "core"),
    "4 events, hosting": ({"events": 4, "role": "host"}, "core"),
    "4 events, organising": ({"events": 4, "role": "organiser"}, "core"),
    "3 events and a talk": ({"events": 3, "role": "speaker"}, "active"),
    "4 events, no contribution": ({"events": 4}, "active"),
    "4 events, the talk missed": ({"events": 4, "absent_role": "speaker"}, "active"),
    "governance, no events": ({"events": 0, "governance": "board"}, "core"),
    "section chair": ({"events": 0, "governance": "section_chair"}, "core"),
    "2 events": ({"events": 2}, "active"),
    "1 event": ({"events": 1}, "occasional"),
    "1 event, 3 absences": ({"events": 1, "absent": 3}, "occasional"),
    "2 rows at one event": ({"events": 1, "same_event_rows": 2}, "occasional"),
    "absent only": ({"events": 0, "absent": 2}, "passive"),
    "nothing": ({"events": 0}, "passive"),
    "another organisation's talk": ({"events": 1}, "occasional"),
    "partner in a running project": ({"events": 0, "project": ("ongoing", None)}, "active"),
    "partner in a project ending 1.1.": (
        {"events": 0, "project": ("closed", D(2024, 1, 1))},
        "active",
    ),
    "partner in a project ended before": (
        {"events": 0, "project": ("closed", D(2023, 12, 31))},
        "passive",
    ),
    "partner in an applied project": ({"events": 0, "project": ("applied", None)}, "passive"),
    "partner in a rejected project": ({"events": 0, "project": ("rejected", None)}, "passive"),
}


def _engaged(con: duckdb.DuckDBPyConnection, spec: dict) -> None:
    _orgs(con, (1, "company"), (2, "other"))
    _member(con, 1, since=D(2020, 1, 1), governance=spec.get("governance", "none"))
    con.execute(  # a non-member's row: the attendance lists are imported
        "INSERT INTO participation (cluster_id, import_id, event_key, org_id, role)"
        " VALUES ('default', 1, 6, 2, 'speaker')"
    )
    rows = []
    for i in range(1, 7):
        con.execute(
            "INSERT INTO event (cluster_id, event_key, import_id, title, date) VALUES"
            " ('default', ?, 1, ?, ?)",
            [i, f"E{i}", D(2024, i, 10)],
        )
    for i in range(1, spec["events"] + 1):
        role = spec.get("role", "attendee") if i == 1 else "attendee"
        rows.append((i, f"m{i}", role, True))
    for extra in range(spec.get("same_event_rows", 1) - 1):
        rows.append((1, f"again{extra}", "attendee", True))
    absent = spec.get("absent", 1 if "absent_role" in spec else 0)
    for i in range(absent):
        rows.append((5 + i % 2, f"x{i}", spec.get("absent_role", "attendee"), False))
    if rows:
        con.executemany(
            "INSERT INTO participation (cluster_id, import_id, event_key, org_id, email_hash,"
            " role, attended) VALUES ('default', 1, ?, 1, ?, ?, ?)",
            rows,
        )
    if "project" in spec:
        status, end = spec["project"]
        con.execute(
            "INSERT INTO project (cluster_id, project_key, import_id, name, status, start_date,"
            " end_date) VALUES ('default', 1, 1, 'P', ?, ?, ?)",
            [status, D(2022, 1, 1), end],
        )
        con.execute(
            "INSERT INTO project_partner (cluster_id, import_id, project_key, org_id)"
            " VALUES ('default', 1, 1, 1)"
        )


@pytest.mark.parametrize("case", ENGAGEMENT_CASES)
def test_engagement_level(con, case: str) -> None:
    spec, level = ENGAGEMENT_CASES[case]
    _engaged(con, spec)
    got = _values(con, "ORG-1", 2024)
    levels = {lv: got[f"engagement_{lv}"] for lv in ("core", "active", "occasional", "passive")}
    assert levels == {lv: int(lv == level) for lv in levels}


# --- FUN-1 source groups (SPEC 5) ------------------------------------------------------------
# One paid row of 1 000 € of the type, and a committed row of 9 000 € of every group that must
# never count -> (share_public_long_term, share_members, share_projects, share_other, city_share).
FUNDING_CASES = {
    "city_base_funding": (1.0, 0.0, 0.0, 0.0, 1.0),
    "other_municipality": (1.0, 0.0, 0.0, 0.0, 0.0),
    "regional": (1.0, 0.0, 0.0, 0.0, 0.0),
    "national_base": (1.0, 0.0, 0.0, 0.0, 0.0),
    "membership_fee": (0.0, 1.0, 0.0, 0.0, 0.0),
    "service_fee": (0.0, 1.0, 0.0, 0.0, 0.0),
    "eu_project": (0.0, 0.0, 1.0, 0.0, 0.0),
    "national_project": (0.0, 0.0, 1.0, 0.0, 0.0),
    "other_project": (0.0, 0.0, 1.0, 0.0, 0.0),
    "foundation": (0.0, 0.0, 0.0, 1.0, 0.0),
    "investor": (0.0, 0.0, 0.0, 1.0, 0.0),
    "other": (0.0, 0.0, 0.0, 1.0, 0.0),
}


@pytest.mark.parametrize("source_type", FUNDING_CASES)
def test_funding_source_group(con, source_type: str) -> None:
    rows = [(source_type, 1000, "paid")] + [
        (committed, 9000, "committed")
        for committed in ("city_base_funding", "membership_fee", "eu_project", "foundation")
    ]
    con.executemany(
        "INSERT INTO funding (cluster_id, import_id, year, source_type, amount_eur, status)"
        " VALUES ('default', 1, 2024, ?, ?, ?)",
        rows,
    )
    got = _values(con, "FUN-1", 2024)
    shares = ("share_public_long_term", "share_members", "share_projects", "share_other")
    assert tuple(got[m] for m in (*shares, "city_share")) == FUNDING_CASES[source_type]
    assert (got["total_eur"], got["committed_eur"]) == (1000.0, 36000.0)


def test_funding_shares_of_a_mixed_year(con) -> None:
    # Paid: national_base 4 000 + other_municipality 1 000 (public 5 000), other_project 3 000,
    # service_fee 1 500, investor 500 -> total 10 000.
    con.executemany(
        "INSERT INTO funding (cluster_id, import_id, year, source_type, amount_eur, status)"
        " VALUES ('default', 1, 2024, ?, ?, 'paid')",
        [
            ("national_base", 4000),
            ("other_municipality", 1000),
            ("other_project", 3000),
            ("service_fee", 1500),
            ("investor", 500),
        ],
    )
    got = _values(con, "FUN-1", 2024)
    assert (got["share_public_long_term"], got["share_members"]) == (0.5, 0.15)
    assert (got["share_projects"], got["share_other"], got["city_share"]) == (0.3, 0.05, 0.0)


# --- attended first, then de-duplication (SPEC 5) ---------------------------------------------
def _attendance(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    _orgs(con, (1, "public"))
    con.execute(
        "INSERT INTO event (cluster_id, event_key, import_id, title, date) VALUES"
        " ('default', 1, 1, 'E', DATE '2024-05-05')"
    )
    con.executemany(
        "INSERT INTO participation (cluster_id, import_id, event_key, org_id, email_hash,"
        " name_hash, attended) VALUES ('default', 1, 1, 1, ?, ?, ?)",
        rows,
    )


# (email hash, name hash, attended) rows of one organisation at one event -> persons.
DEDUP_CASES = {
    # An absent row sharing the e-mail of the first and the name of the last attended row
    # would chain them into one person if de-duplication came first: two persons.
    "an absent row links two attended rows": (
        [("x1", "n1", True), ("x1", "n2", False), ("x2", "n2", True)],
        2,
    ),
    "an attended row links them": ([("x1", "n1", True), ("x1", "n2", True), ("x2", "n2", True)], 1),
    "same e-mail": ([("x1", "n1", True), ("x1", "n2", True)], 1),
    "same name and organisation": ([("x1", "n1", True), ("x2", "n1", True)], 1),
    "nothing shared": ([("x1", "n1", True), ("x2", "n2", True)], 2),
    "no e-mail, same name": ([(None, "n1", True), (None, "n1", True)], 1),
    "no e-mail, no name": ([(None, None, True), (None, None, True)], 2),
    "absent only": ([("x1", "n1", False), ("x2", "n2", False)], 0),
}


@pytest.mark.parametrize("case", DEDUP_CASES)
def test_persons_of_one_event(con, case: str) -> None:
    rows, persons = DEDUP_CASES[case]
    _attendance(con, rows)
    assert _values(con, "ORG-4", 2024)["person_participations"] == persons
    # PUB-1 counts the same persons of public-sector organisations.
    assert _values(con, "PUB-1", 2024)["public_participations"] == persons
    assert _values(con, "ORG-4", 2024)["participating_orgs"] == (1 if persons else 0)


# --- n < 5 on every survey path (SPEC 6) -------------------------------------------------------
# One 2024 survey, 20 invited, nine respondents: r1-r5 companies, r6-r9 RDI.
# A6 answered by all nine (companies 5, 4, 4, 3, 2: n 5, mean 18/5 = 3.6, agree 3/5 = 0.6;
# RDI 4, 4, 4, 4: n 4); A7 by r1-r5 (2, 3, 4, 5, 5: n 5, mean 19/5 = 3.8, agree 3/5 = 0.6);
# N1 by r1-r4 (n 4); P1 by r1-r5 (5, 5, 4, 3, 1: mean 3.6, agree 0.6); P3 by r1-r4 (n 4);
# A12 by r1-r5 (yes, yes, no, yes, no: 3/5 = 0.6); B1 by r6-r9 (n 4).
SURVEY_ANSWERS = {
    "A6": [5, 4, 4, 3, 2, 4, 4, 4, 4],
    "A7": [2, 3, 4, 5, 5],
    "N1": [5, 5, 5, 5],
    "P1": [5, 5, 4, 3, 1],
    "P3": [4, 4, 4, 4],
    "A12": [1, 1, 0, 1, 0],
    "B1": [None, None, None, None, 5, 5, 5, 5],
}


def _survey(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT INTO survey (cluster_id, survey_id, import_id, name, year, invited)"
        " VALUES ('default', 1, 1, 'Kysely', 2024, 20)"
    )
    con.executemany(
        "INSERT INTO survey_response (cluster_id, survey_id, import_id, response_no, org_type)"
        " VALUES ('default', 1, 1, ?, ?)",
        [(r, "company" if r <= 5 else "rdi") for r in range(1, 10)],
    )
    con.executemany(
        "INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no, item_code,"
        " value_num) VALUES ('default', 1, 1, ?, ?, ?)",
        [
            (response, item, value)
            for item, values in SURVEY_ANSWERS.items()
            for response, value in enumerate(values, start=1 if item != "B1" else 2)
            if value is not None
        ],
    )


# (code, metric) -> (value, n); None = suppressed.
SURVEY_CASES = {
    ("ORG-5", "mean.A7"): (3.8, 5),
    ("ORG-5", "agree_share.A7"): (0.6, 5),
    ("ORG-5", "mean.N1"): (None, 4),
    ("ORG-5", "agree_share.N1"): (None, 4),
    ("ORG-5", "mean.B1"): (None, 4),
    ("ORG-5", "agree_share.B1"): (None, 4),
    ("PUB-1", "mean.P1"): (3.6, 5),
    ("PUB-1", "agree_share.P1"): (0.6, 5),
    ("PUB-3", "mean.P3"): (None, 4),
    ("PUB-3", "agree_share.P3"): (None, 4),
    ("COM-3", "agree_share.A12"): (0.6, 5),
}


@pytest.fixture
def surveyed(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    _survey(con)
    return con


@pytest.mark.parametrize(
    ("code", "metric"), SURVEY_CASES, ids=[f"{c}/{m}" for c, m in SURVEY_CASES]
)
def test_survey_figure_in_compute(surveyed, code: str, metric: str) -> None:
    value, n = SURVEY_CASES[(code, metric)]
    record = next(r for r in compute(surveyed, built_in(), codes=[code]) if r.metric == metric)
    assert (record.value, record.n, record.suppressed) == (value, n, value is None)


@pytest.mark.parametrize(
    ("code", "metric"), SURVEY_CASES, ids=[f"{c}/{m}" for c, m in SURVEY_CASES]
)
def test_survey_figure_in_item_stats(surveyed, code: str, metric: str) -> None:
    value, n = SURVEY_CASES[(code, metric)]
    kind, _, item = metric.partition(".")
    stats = next(s for s in item_stats(surveyed, CLUSTER) if s["item_code"] == item)
    assert (stats[kind], stats["n"], stats["suppressed"]) == (value, n, value is None)


# A6 by org type: companies n 5 (shown), RDI n 4 (hidden).
BREAKDOWN_CASES = {"company": (3.6, 0.6, 5), "rdi": (None, None, 4)}


@pytest.mark.parametrize("org_type", BREAKDOWN_CASES)
def test_survey_breakdown_by_org_type(surveyed, org_type: str) -> None:
    mean, agree, n = BREAKDOWN_CASES[org_type]
    row = next(
        s
        for s in item_stats(surveyed, CLUSTER, by_org_type=True)
        if (s["item_code"], s["org_type"]) == ("A6", org_type)
    )
    assert (row["mean"], row["agree_share"], row["n"], row["suppressed"]) == (
        mean,
        agree,
        n,
        mean is None,
    )


# The board report's survey table: item -> (mean, agree_share, n, suppressed).
BOARD_CASES = {
    "A7": (3.8, 0.6, 5, False),
    "N1": (None, None, 4, True),
    "P1": (3.6, 0.6, 5, False),
    "P3": (None, None, 4, True),
    "A12": (None, 0.6, 5, False),
    "B1": (None, None, 4, True),
}


@pytest.mark.parametrize("item", BOARD_CASES)
def test_survey_figure_in_the_board_report(surveyed, item: str) -> None:
    row = next(
        r
        for r in board_data(surveyed, built_in(), CLUSTER, (2024, 2024)).survey
        if r["item"] == item
    )
    assert (row["mean"], row["agree_share"], row["n"], row["suppressed"]) == BOARD_CASES[item]


@pytest.mark.parametrize(
    ("code", "metric"), SURVEY_CASES, ids=[f"{c}/{m}" for c, m in SURVEY_CASES]
)
def test_survey_figure_in_the_workbook(surveyed, code: str, metric: str) -> None:
    value, n = SURVEY_CASES[(code, metric)]
    sheet = openpyxl.load_workbook(io.BytesIO(export_workbook(surveyed, built_in(), CLUSTER)))[
        "Indikaattorit"
    ]
    header = [c.value for c in sheet[1]]
    names = ("Koodi", "Mittarin tunniste", "Arvo", "n", "Piilotettu")
    col = {name: header.index(name) for name in names}
    row = next(
        r
        for r in sheet.iter_rows(min_row=2)
        if (r[col["Koodi"]].value, r[col["Mittarin tunniste"]].value) == (code, metric)
    )
    assert (row[col["Arvo"]].value, row[col["n"]].value) == (value, n)
    assert row[col["Piilotettu"]].value == ("n < 5" if value is None else "ei")


# Several surveys of a year pool into one response rate, but only those with an invited count:
# the fixture's survey (20 invited, 9 respondents) plus a second 2024 survey with no invited
# count and three respondents gives 9 / 20 = 0.45 with n 9 (not 12 / 20).
def _survey_without_invited(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT INTO survey (cluster_id, survey_id, import_id, name, year, invited)"
        " VALUES ('default', 2, 1, 'Pikakysely', 2024, NULL)"
    )
    con.executemany(
        "INSERT INTO survey_response (cluster_id, survey_id, import_id, response_no, org_type)"
        " VALUES ('default', 2, 1, ?, 'company')",
        [(r,) for r in (1, 2, 3)],
    )
    con.executemany(
        "INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no, item_code,"
        " value_num) VALUES ('default', 2, 1, ?, 'A6', 4)",
        [(r,) for r in (1, 2, 3)],
    )


def test_response_rate_pools_only_surveys_with_an_invited_count(surveyed) -> None:
    _survey_without_invited(surveyed)
    record = next(
        r for r in compute(surveyed, built_in(), codes=["ORG-5"]) if r.metric == "response_rate"
    )
    assert (record.year, record.value, record.n) == (2024, 0.45, 9)
    assert response_rates(surveyed, CLUSTER) == [
        {"year": 2024, "surveys": 2, "responses": 9, "invited": 20, "response_rate": 0.45}
    ]


# A custom survey indicator: its rows give n; n 4 is hidden, n 5 shown.
CUSTOM_SQL = """SELECT 2024 AS year, 'four' AS metric, 0.25 AS value, 4 AS n
WHERE $cluster_id IS NOT NULL
UNION ALL SELECT 2024, 'five', 0.75, count(*) + 4 FROM v_event WHERE cluster_id = $cluster_id"""


@pytest.mark.parametrize(
    ("metric", "expected"), [("four", (None, 4, True)), ("five", (0.75, 5, False))]
)
def test_custom_survey_indicator(con, tmp_path: Path, metric: str, expected: tuple) -> None:
    con.execute(
        "INSERT INTO event (cluster_id, event_key, import_id, title, date) VALUES"
        " ('default', 1, 1, 'E', DATE '2024-05-05')"
    )
    path = tmp_path / "indicators.toml"
    path.write_text(
        "[[indicator]]\ncode = 'OMA-1'\nrecipient = 'cluster_org'\nname_fi = 'Oma'\n"
        "name_en = 'Own'\nunit = 'share'\ndata_class = 'SRV'\ncaveat_fi = 'Varo.'\n"
        "caveat_en = 'Careful.'\nmetrics = ['four', 'five']\nsurvey = true\n"
        f"sql = '''{CUSTOM_SQL}'''\n",
        encoding="utf-8",
    )
    registry = built_in().with_indicators(custom.load_custom(path))
    record = next(
        r for r in compute(con, registry, codes=["OMA-1"], year=2024) if r.metric == metric
    )
    assert (record.value, record.n, record.suppressed) == expected


# --- ESCA thresholds (DOMAIN 2.2) --------------------------------------------------------------
# (members at year end, of them companies, distinct event types in 2024) ->
# (company_share, criteria_met): >= 15 actors, a share above one half, >= 5 activity types.
ESCA_CASES = {
    "all three": ((15, 8, 5), (0.5333, 3)),
    "14 actors": ((14, 8, 5), (0.5714, 2)),
    "half are companies": ((16, 8, 5), (0.5, 2)),
    "4 activity types": ((15, 8, 4), (0.5333, 2)),
    "one type, all companies": ((15, 15, 1), (1.0, 2)),
}


@pytest.mark.parametrize("case", ESCA_CASES)
def test_esca_thresholds(con, case: str) -> None:
    (actors, companies, types), expected = ESCA_CASES[case]
    _orgs(con, *((i, "company" if i <= companies else "rdi") for i in range(1, actors + 1)))
    for i in range(1, actors + 1):
        _member(con, i, since=D(2020, 1, 1), org_type="company" if i <= companies else "rdi")
    event_types = ("seminar", "workshop", "webinar", "matchmaking", "training")[:types]
    con.executemany(
        "INSERT INTO event (cluster_id, event_key, import_id, title, date, event_type) VALUES"
        " ('default', ?, 1, 'E', DATE '2024-05-05', ?)",
        list(enumerate(event_types, start=1)),
    )
    got = _values(con, "ESCA", 2024)
    assert (got["company_share"], got["criteria_met"]) == expected


# --- ORG-3: change from the year before and decided applications (SPEC 5) ---------------------
def _projects(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """(status, applied_date, start_date, eu_funding_eur) rows."""
    con.executemany(
        "INSERT INTO project (cluster_id, project_key, import_id, name, status, applied_date,"
        " start_date, eu_funding_eur) VALUES ('default', ?, 1, 'P', ?, ?, ?, ?)",
        [(i, *row) for i, row in enumerate(rows, start=1)],
    )


# projects -> 2024's (eu_funding_change, its note key, application_success_rate, its note key)
ORG_3_CASES = {
    "no funded project in 2023": (
        [("granted", None, D(2024, 3, 1), 1000), ("rejected", None, D(2023, 3, 1), 500)],
        (None, "indicators.note.no_previous_eu", 1.0, None),
    ),
    "2023's funded projects have no EU money": (
        [("granted", None, D(2024, 3, 1), 1000), ("closed", None, D(2023, 3, 1), 0)],
        (None, "indicators.note.previous_eu_zero", 1.0, None),
    ),
    "EU money doubles": (
        [("ongoing", None, D(2024, 3, 1), 2000), ("closed", None, D(2023, 3, 1), 1000)],
        (1.0, None, 1.0, None),
    ),
    # Applied in 2024: one granted, one rejected, one still undecided (not counted).
    "one of two decided applications won": (
        [
            ("granted", D(2024, 2, 1), D(2025, 1, 1), 0),
            ("rejected", D(2024, 3, 1), D(2025, 1, 1), 0),
            ("applied", D(2024, 4, 1), D(2025, 1, 1), 0),
            ("closed", None, D(2023, 3, 1), 1000),
        ],
        (-1.0, None, 0.5, None),
    ),
    "only undecided applications": (
        [("applied", D(2024, 4, 1), D(2024, 9, 1), 5000), ("closed", None, D(2023, 3, 1), 100)],
        (-1.0, None, None, "indicators.note.no_decisions"),
    ),
}


@pytest.mark.parametrize("case", ORG_3_CASES)
def test_org3_change_and_success_rate(con, case: str) -> None:
    rows, expected = ORG_3_CASES[case]
    _projects(con, rows)
    got = {r.metric: r for r in compute(con, built_in(), CLUSTER, 2024, codes=["ORG-3"])}
    change, rate = got["eu_funding_change"], got["application_success_rate"]
    assert (
        change.value,
        change.note and change.note.key,
        rate.value,
        rate.note and rate.note.key,
    ) == expected


# An empty EU cell of a funded project is no EU money: 0 € over that project (n = 1), not
# "not recorded"; a year without funded projects has nothing to sum (n = 0: not recorded).
EU_SUM_CASES = {
    "a funded project without an EU amount": ([("granted", None, D(2024, 3, 1), None)], (0.0, 1)),
    "two funded projects, one with EU money": (
        [("granted", None, D(2024, 3, 1), None), ("ongoing", None, D(2024, 5, 1), 700)],
        (700.0, 2),
    ),
    "only a rejected project": ([("rejected", None, D(2024, 3, 1), 900)], (0.0, 0)),
}


@pytest.mark.parametrize("case", EU_SUM_CASES)
def test_org3_eu_sum_rests_on_the_funded_projects(con, case: str) -> None:
    rows, expected = EU_SUM_CASES[case]
    _projects(con, rows)
    got = {r.metric: r for r in compute(con, built_in(), CLUSTER, 2024, codes=["ORG-3"])}
    assert (got["eu_funding_eur"].value, got["eu_funding_eur"].n) == expected


def test_org2_public_sum_rests_on_every_funded_rdi_project(con) -> None:
    """An RDI project with company money only: public RDI funding 0 € over one project; the
    company sum rests on the one project with a company amount."""
    con.execute(
        "INSERT INTO project (cluster_id, project_key, import_id, name, status, start_date,"
        " private_company_eur, is_rdi) VALUES ('default', 1, 1, 'P', 'granted', ?, 5000, true),"
        " ('default', 2, 1, 'Q', 'granted', ?, NULL, true)",
        [D(2024, 3, 1), D(2024, 4, 1)],
    )
    got = {r.metric: r for r in compute(con, built_in(), CLUSTER, 2024, codes=["ORG-2"])}
    assert (got["rdi_public_eur"].value, got["rdi_public_eur"].n) == (0.0, 2)
    assert (got["rdi_company_eur"].value, got["rdi_company_eur"].n) == (5000.0, 1)
