"""A small hand-checkable cluster, inserted straight into the schema tables (no importer).

Years of data: 2023-2025 (events 2023-2024, the last outcome and a project start in 2025).
Organisations: A (company, member since 2020), B (company, joined 5/2023), C (RDI, member since
always, steering group), City (public, 2022 until 31.12.2024), D (company, follower), E (third
sector, left 30.6.2024), F (company, former without an end date: a member on no date),
G (non-member created by attendance, type other), H (company, joined 3/2024, employees unknown).
The golden tests in ``test_indicators_golden.py`` derive every number from these rows by hand.
"""

from __future__ import annotations

from datetime import date

import duckdb

CLUSTER = "default"
IMPORT = 1

# org_id, name, org_type in the organisation table
ORGS = [
    (1, "A Oy", "company"),
    (2, "B Oy", "company"),
    (3, "C University", "rdi"),
    (4, "City", "public"),
    (5, "D Oy", "company"),
    (6, "E ry", "third_sector"),
    (7, "F Oy", "company"),
    (8, "G Oy", "other"),
    (9, "H Oy", "company"),
]
# org_id, org_type, employees, status, member_since, member_until, governance_role
MEMBERS = [
    (1, "company", 10, "member", date(2020, 1, 1), None, "none"),
    (2, "company", 5, "member", date(2023, 5, 1), None, "none"),
    (3, "rdi", 100, "member", None, None, "steering_group"),
    (4, "public", None, "member", date(2022, 1, 1), date(2024, 12, 31), "none"),
    (5, "company", 7, "follower", date(2023, 1, 1), None, "none"),
    (6, "third_sector", 2, "former", date(2021, 1, 1), date(2024, 6, 30), "none"),
    (7, "company", 3, "former", date(2023, 2, 1), None, "none"),
    (9, "company", None, "member", date(2024, 3, 1), None, "none"),
]
# event_key, title, date, event_type
EVENTS = [
    (1, "Kevätseminaari", date(2023, 3, 1), "seminar"),
    (2, "Työpaja", date(2023, 6, 1), "workshop"),
    (3, "Syysseminaari", date(2023, 9, 1), "seminar"),
    (4, "Seminaari 2024", date(2024, 2, 1), "seminar"),
    (5, "Infotilaisuus", date(2024, 4, 1), "info_session"),
    (6, "Törmäytys", date(2024, 5, 1), "matchmaking"),
    (7, "Yritysvierailu", date(2024, 9, 1), "company_visit"),
    (8, "Webinaari", date(2024, 11, 1), "webinar"),
]
# event_key, org_id, email_hash, name_hash, role, attended
PARTICIPANTS = [
    (1, 1, "x1", "n1", "attendee", True),
    (1, 1, "x1", "n1", "attendee", True),  # duplicate row of A's p1
    (1, 2, "x2", "n2", "attendee", True),
    (1, 3, None, "n3", "attendee", True),
    (1, 3, None, "n3", "attendee", True),  # duplicate by name + organisation
    (1, 4, "x4", "n4", "attendee", False),  # City registered, absent
    (2, 1, "x1", "n1", "speaker", True),
    (2, 8, "x5", "n5", "attendee", True),  # G, a non-member
    (3, 1, "x1", "n1", "attendee", True),
    (3, 2, "x2", "n2", "attendee", False),  # B absent
    (4, 1, "x1", "n1", "host", True),
    (4, 2, "x2", "n2", "attendee", True),
    (4, 2, "x2b", "n2", "attendee", True),  # B's p2 again: other e-mail, same name + org
    (4, 9, "x6", "n6", "attendee", True),
    (5, 1, "x1", "n1", "attendee", True),
    (5, 4, "x4", "n4", "attendee", True),
    (5, 4, "x7", "n7", "attendee", True),  # a second City person
    (6, 1, "x1", "n1", "attendee", True),
    (6, 2, "x2", "n2", "attendee", True),
    (7, 1, "x1", "n1", "attendee", True),
    (7, 2, "x2", "n2", "attendee", False),  # B absent
    (8, 1, "x1", "n1", "attendee", True),
    (8, 9, "x6", "n6", "attendee", True),
    (8, 9, "x6", "n6b", "attendee", True),  # H's p6 again: same e-mail, other name
    (8, 3, "c1", "m1", "attendee", True),  # C: a chain c1/m1 - c1/m2 - c3/m2 is one person
    (8, 3, "c1", "m2", "attendee", True),
    (8, 3, "c3", "m2", "attendee", True),
]
# year, source_type, amount_eur, status
FUNDING = [
    (2023, "membership_fee", 3000, "paid"),
    (2023, "city_base_funding", 10000, "paid"),
    (2023, "eu_project", 5000, "paid"),
    (2023, "foundation", 2000, "paid"),
    (2023, "city_base_funding", 15000, "committed"),
    (2024, "membership_fee", 4000, "paid"),
    (2024, "service_fee", 1000, "paid"),
    (2024, "city_base_funding", 15000, "paid"),
    (2024, "regional", 5000, "paid"),
    (2024, "national_project", 25000, "paid"),
    (2024, "eu_project", 10000, "committed"),
]
# project_key, name, status, applied, start, end, budget, eu, national, municipal, private,
# is_rdi, city_need
PROJECTS = [
    (
        1,
        "P1",
        "closed",
        None,
        date(2023, 1, 15),
        date(2023, 12, 31),
        100000,
        40000,
        20000,
        10000,
        15000,
        True,
        False,
    ),
    (
        2,
        "P2",
        "granted",
        date(2023, 10, 1),
        date(2024, 2, 1),
        None,
        50000,
        30000,
        None,
        5000,
        None,
        False,
        True,
    ),
    (
        3,
        "P3",
        "rejected",
        date(2024, 3, 1),
        date(2024, 6, 1),
        None,
        200000,
        99999,
        None,
        None,
        None,
        True,
        False,
    ),
    (4, "P4", "applied", None, date(2025, 3, 1), None, 10000, 5000, None, None, None, False, False),
    (
        5,
        "P5",
        "ongoing",
        date(2024, 1, 10),
        date(2024, 4, 1),
        date(2025, 6, 30),
        80000,
        0,
        30000,
        None,
        20000,
        True,
        True,
    ),
    (
        6,
        "P6",
        "rejected",
        date(2023, 5, 1),
        date(2023, 9, 1),
        None,
        30000,
        20000,
        None,
        None,
        None,
        False,
        False,
    ),
]
# project_key, org_id
PARTNERS = [(1, 1), (1, 3), (1, 6), (2, 9), (5, 3), (5, 2), (3, 3), (3, 1)]
# outcome_key, date, outcome_type, amount_eur
OUTCOMES = [
    (1, date(2023, 4, 1), "new_partnership", None),
    (2, date(2023, 5, 1), "new_partnership", None),
    (3, date(2023, 8, 1), "new_product_service", 20000),
    (4, date(2023, 10, 1), "innovation", None),
    (5, date(2024, 1, 15), "strategy_change", None),
    (6, date(2024, 2, 1), "international_partnership", None),
    (7, date(2024, 3, 1), "export_deal", 50000),
    (8, date(2024, 4, 1), "investment_foreign", 200000),
    (9, date(2024, 5, 1), "investment_domestic", 100000),
    (10, date(2024, 6, 1), "new_establishment", None),
    (11, date(2024, 7, 1), "public_service_improvement", None),
    (12, date(2024, 8, 1), "innovation_procurement", 30000),
    (13, date(2024, 9, 1), "publication", None),
    (14, date(2024, 10, 1), "thesis_student_project", None),
    (15, date(2024, 11, 1), "pilot_test", None),
    (16, date(2024, 12, 1), "rdi_infrastructure_use", None),
    (17, date(2025, 2, 1), "media_visibility", None),
    (18, date(2025, 3, 1), "new_partnership", None),
    (19, date(2025, 4, 1), "jobs_created", None),
]
# survey_id, name, year, invited
SURVEYS = [
    (1, "Jäsenkysely 2024", 2024, 20),
    (2, "Tapahtumapalaute", 2024, 10),
    (3, "Jäsenkysely 2023", 2023, 10),
]
# survey_id, response_no, org_type
RESPONSES = [
    (1, 1, "company"),
    (1, 2, "company"),
    (1, 3, "company"),
    (1, 4, "company"),
    (1, 5, "public"),
    (1, 6, None),
    (2, 1, "company"),
    (2, 2, "rdi"),
    (2, 3, None),
    (2, 4, None),
    (3, 1, "company"),
    (3, 2, "company"),
    (3, 3, "rdi"),
    (3, 4, "company"),
]
# survey_id, response_no, item_code, value_num, value_text
ANSWERS = [
    *((1, r, "A6", v, None) for r, v in [(1, 5), (2, 4), (3, 3), (4, 4), (5, 2)]),
    *((2, r, "A6", v, None) for r, v in [(1, 5), (2, 1)]),
    *((1, r, "A12", v, None) for r, v in [(1, 1), (2, 0), (3, 1), (4, 1), (5, 0)]),
    *((1, r, "P1", v, None) for r, v in [(1, 4), (2, 4), (3, 5), (4, 2)]),
    *((1, r, "P3", v, None) for r, v in [(1, 3), (2, 3), (3, 4), (4, 5), (5, 4), (6, 2)]),
    (1, 6, "A2", None, "Lisää yritysvierailuja"),
    (1, 3, "A2", None, "   "),
    *((2, r, "B1", v, None) for r, v in [(1, 5), (2, 4), (3, 4), (4, 3)]),
    *((3, r, "A6", v, None) for r, v in [(1, 4), (2, 5), (3, 2)]),
]

TABLES: dict[str, tuple[str, list[tuple]]] = {
    "organisation": (
        "(cluster_id, org_id, name, name_key, org_type, import_id)",
        [(CLUSTER, o, n, n.lower(), t, IMPORT) for o, n, t in ORGS],
    ),
    "membership": (
        (
            "(cluster_id, import_id, org_id, org_type, employees, status, member_since,"
            " member_until, governance_role)"
        ),
        [(CLUSTER, IMPORT, *m) for m in MEMBERS],
    ),
    "event": (
        "(cluster_id, event_key, import_id, title, date, event_type)",
        [(CLUSTER, k, IMPORT, t, d, ty) for k, t, d, ty in EVENTS],
    ),
    "participation": (
        "(cluster_id, import_id, event_key, org_id, email_hash, name_hash, role, attended)",
        [(CLUSTER, IMPORT, *p) for p in PARTICIPANTS],
    ),
    "funding": (
        "(cluster_id, import_id, year, source_type, amount_eur, status)",
        [(CLUSTER, IMPORT, *f) for f in FUNDING],
    ),
    "project": (
        (
            "(cluster_id, project_key, import_id, name, status, applied_date, start_date, end_date,"
            " total_budget_eur, eu_funding_eur, national_public_eur, municipal_eur,"
            " private_company_eur, is_rdi, city_need)"
        ),
        [(CLUSTER, p[0], IMPORT, *p[1:]) for p in PROJECTS],
    ),
    "project_partner": (
        "(cluster_id, import_id, project_key, org_id)",
        [(CLUSTER, IMPORT, *p) for p in PARTNERS],
    ),
    "outcome": (
        "(cluster_id, outcome_key, import_id, date, outcome_type, title, amount_eur)",
        [(CLUSTER, k, IMPORT, d, t, f"Tulos {k}", a) for k, d, t, a in OUTCOMES],
    ),
    "survey": (
        "(cluster_id, survey_id, import_id, name, year, invited)",
        [(CLUSTER, s, IMPORT, n, y, i) for s, n, y, i in SURVEYS],
    ),
    "survey_response": (
        "(cluster_id, survey_id, import_id, response_no, org_type)",
        [(CLUSTER, s, IMPORT, r, t) for s, r, t in RESPONSES],
    ),
    "survey_answer": (
        "(cluster_id, survey_id, import_id, response_no, item_code, value_num, value_text)",
        [(CLUSTER, s, IMPORT, r, i, v, t) for s, r, i, v, t in ANSWERS],
    ),
}


def build(
    con: duckdb.DuckDBPyConnection, reverse: bool = False, only: tuple[str, ...] | None = None
) -> None:
    """Insert the fixture (tables in ``only``, default all); ``reverse`` inserts rows backwards."""
    for table, (columns, rows) in TABLES.items():
        if only is not None and table not in only:
            continue
        ordered = list(reversed(rows)) if reverse else rows
        marks = ", ".join("?" for _ in columns.split(","))
        con.executemany(f"INSERT INTO {table} {columns} VALUES ({marks})", ordered)


# Versioned tables whose rows a re-import of the same file replaces.
REIMPORTABLE = (
    "membership",
    "event",
    "participation",
    "funding",
    "project",
    "project_partner",
    "outcome",
    "survey",
)


def reimport(con: duckdb.DuckDBPyConnection, new_import: int = 2) -> None:
    """Copy every effective row under ``new_import`` and mark the old rows replaced by it."""
    for table in REIMPORTABLE:
        con.execute(
            f"INSERT INTO {table} SELECT * REPLACE ({new_import} AS import_id) FROM {table}"
            " WHERE replaced_by IS NULL AND import_id <> ?",
            [new_import],
        )
        con.execute(
            f"UPDATE {table} SET replaced_by = ? WHERE replaced_by IS NULL AND import_id <> ?",
            [new_import, new_import],
        )
