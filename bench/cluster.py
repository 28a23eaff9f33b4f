"""A large synthetic cluster written straight into the schema with set-based SQL.

Used to time the indicators and the export on a cluster of realistic size (1,000 members,
300 events, 100,000 participations) without going through the importers. Values are drawn
from DuckDB's ``hash`` of the row number (macro ``rnd``),
    so the same sizes always give the same cluster.
"""

from __future__ import annotations

import duckdb

from data.kinds import ENUMS
from data.store import ensure_cluster
from data.survey_catalogue import CATALOGUE

KINDS = ("members", "events", "participants", "funding", "projects", "outcomes", "survey")

_SQL = """
CREATE OR REPLACE TEMP MACRO rnd(a) AS (hash(a) % 1000000007)::BIGINT,
                             (a, b) AS (hash(a, b) % 1000000007)::BIGINT,
                             (a, b, c) AS (hash(a, b, c) % 1000000007)::BIGINT,
                             (a, b, c, d) AS (hash(a, b, c, d) % 1000000007)::BIGINT;

INSERT INTO import_log (import_id, cluster_id, file_name, sha256, kinds, imported_at, status)
    SELECT $base + i, $cluster, 'synthetic_' || k || '.xlsx', md5(k), k, current_timestamp,
           'loaded'
    FROM (SELECT unnest($kinds) AS k, generate_subscripts($kinds, 1) AS i);

INSERT INTO organisation (cluster_id, org_id, name, name_key, business_id, org_type, import_id)
    SELECT $cluster, i, 'Organisaatio ' || i || ' Oy', 'organisaatio' || i, NULL,
           CASE WHEN i <= $members THEN 'company' ELSE 'other' END, $base + 1
    FROM range(1, $orgs + 1) t(i);

INSERT INTO membership (cluster_id, import_id, org_id, org_type, size_class, employees, status,
                        member_since, member_until, governance_role, annual_fee_eur, tier)
    SELECT $cluster, $base + 1, i,
           list_element($org_types, 1 + rnd(i, 'type') % len($org_types)),
           list_element(['micro', 'small', 'medium', 'large'], 1 + rnd(i, 'size') % 4),
           CASE WHEN rnd(i, 'emp') % 5 > 0 THEN (rnd(i, 'n') % 300)::INTEGER END,
           CASE WHEN i % 29 = 0 THEN 'follower' ELSE 'member' END,
           DATE '2015-01-01' + (rnd(i, 'since') % 3900)::INTEGER,
           CASE WHEN i % 11 = 0 THEN DATE '2021-01-01' + (rnd(i, 'until') % 1800)::INTEGER END,
           CASE WHEN i % 40 = 0 THEN 'board' ELSE 'none' END,
           list_element([500, 1500, 3000], 1 + rnd(i, 'fee') % 3),
           list_element(['Perusjäsen', 'Kumppani', 'Strateginen'], 1 + rnd(i, 'tier') % 3)
    FROM range(1, $members + 1) t(i);

INSERT INTO event (cluster_id, event_key, import_id, event_id, title, date, event_type, format)
    SELECT $cluster, i, $base + 2, 'T-' || i, 'Tapahtuma ' || i,
           make_date($first_year, 1, 1) + (i * 365 * $years // $events)::INTEGER,
           list_element($event_types, 1 + rnd(i, 'etype') % len($event_types)),
           list_element(['in_person', 'online', 'hybrid'], 1 + rnd(i, 'fmt') % 3)
    FROM range(1, $events + 1) t(i);

INSERT INTO participation (cluster_id, import_id, row_no, event_key, org_id, email_hash,
                           name_hash, role, attended)
    SELECT $cluster, $base + 3, i, 1 + rnd(i, 'ev') % $events, 1 + rnd(i, 'org') % $orgs,
           md5('person' || (rnd(i, 'p') % ($orgs * 4))), NULL,
           CASE WHEN rnd(i, 'role') % 100 < 3 THEN 'speaker' ELSE 'attendee' END,
           rnd(i, 'att') % 100 >= 8
    FROM range(1, $participations + 1) t(i);

INSERT INTO funding (cluster_id, import_id, year, source_type, amount_eur, payer, status)
    SELECT $cluster, $base + 4, $first_year + y, s, 1000 + rnd(y, s) % 90000, 'Maksaja',
           CASE WHEN rnd(y, s, 'st') % 4 = 0 THEN 'committed' ELSE 'paid' END
    FROM range(0, $years) a(y), (SELECT unnest($source_types) AS s);

INSERT INTO project (cluster_id, project_key, import_id, project_id, name, status, applied_date,
                     start_date, end_date, total_budget_eur, eu_funding_eur, national_public_eur,
                     municipal_eur, private_company_eur, is_rdi)
    SELECT $cluster, i, $base + 5, 'H-' || i, 'Hanke ' || i,
           list_element(['applied', 'granted', 'rejected', 'ongoing', 'closed'], 1 + i % 5),
           make_date($first_year, 1, 1) + (rnd(i, 'ap') % (365 * $years - 90))::INTEGER,
           make_date($first_year, 1, 1) + (rnd(i, 'st') % (365 * $years - 90))::INTEGER,
           make_date($first_year + $years, 12, 31),
           500000, 200000 + rnd(i, 'eu') % 100000, 100000, 50000, 80000, i % 2 = 0
    FROM range(1, 41) t(i);

INSERT INTO project_partner (cluster_id, import_id, project_key, org_id)
    SELECT $cluster, $base + 5, 1 + i % 40, 1 + rnd(i, 'pp') % $members FROM range(0, 200) t(i);

INSERT INTO outcome (cluster_id, outcome_key, import_id, date, outcome_type, title, amount_eur,
                     jobs, consent_to_publish)
    SELECT $cluster, i, $base + 6,
           make_date($first_year, 1, 1) + (rnd(i, 'od') % (365 * $years))::INTEGER,
           list_element($outcome_types, 1 + rnd(i, 'ot') % len($outcome_types)),
           'Tulos ' || i, 10000 + rnd(i, 'oa') % 500000, (rnd(i, 'oj') % 5)::INTEGER, i % 3 = 0
    FROM range(1, 301) t(i);

INSERT INTO outcome_org (cluster_id, import_id, outcome_key, org_id)
    SELECT $cluster, $base + 6, i, 1 + rnd(i, 'oo') % $members FROM range(1, 301) t(i);

INSERT INTO survey (cluster_id, survey_id, import_id, name, year, invited)
    SELECT $cluster, y + 1, $base + 7, 'Jäsenkysely ' || ($first_year + y), $first_year + y,
           $members // 2
    FROM range(0, $years) t(y);

INSERT INTO survey_response (cluster_id, survey_id, import_id, response_no, org_type)
    SELECT $cluster, s, $base + 7, r, 'company'
    FROM range(1, $years + 1) a(s), range(1, $respondents + 1) b(r);

INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no, item_code, value_num)
    SELECT $cluster, s, $base + 7, r, code,
           CASE WHEN scale = 'yesno' THEN rnd(s, r, code) % 2
                ELSE 1 + rnd(s, r, code) % 5 END
    FROM range(1, $years + 1) a(s), range(1, $respondents + 1) b(r),
         (SELECT unnest($items) AS code, unnest($scales) AS scale)
    WHERE rnd(s, r, code, 'skip') % 10 > 0;
"""


def synthetic_cluster(
    con: duckdb.DuckDBPyConnection,
    *,
    cluster_id: str = "bench",
    members: int = 1000,
    events: int = 300,
    participations: int = 100_000,
    first_year: int = 2022,
    years: int = 4,
) -> None:
    """Fill ``cluster_id`` with every input kind; one transaction."""
    scored = [item for item in CATALOGUE if item.scale != "text"]
    params = {
        "cluster": cluster_id,
        "base": 0,
        "kinds": list(KINDS),
        "members": members,
        "orgs": members + members // 5,
        "events": events,
        "participations": participations,
        "first_year": first_year,
        "years": years,
        "respondents": max(members // 5, 5),
        "org_types": list(ENUMS["org_type"]),
        "event_types": list(ENUMS["event_type"]),
        "source_types": list(ENUMS["source_type"]),
        "outcome_types": list(ENUMS["outcome_type"]),
        "items": [item.code for item in scored],
        "scales": [item.scale for item in scored],
    }
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        ensure_cluster(cur, cluster_id, "Vertailuklusteri")
        params["base"] = cur.execute(
            "SELECT coalesce(max(import_id), 0) FROM import_log"
        ).fetchone()[0]
        for statement in filter(str.strip, _SQL.split(";\n")):
            used = {k: v for k, v in params.items() if f"${k}" in statement}
            cur.execute(statement, used)
        cur.execute("COMMIT")
    finally:
        cur.close()
