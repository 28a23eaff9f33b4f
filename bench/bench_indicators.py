"""Benchmark: every indicator for every year of a cluster with 1,000 members, 300 events and
100,000 participations (target < 0.5 s warm). Run: ``python -m bench.bench_indicators``."""
from __future__ import annotations

import time

import duckdb

from data.store import ensure_cluster, memory_db
from indicators.compute import compute

SETUP = """
INSERT INTO organisation SELECT 'default', i, 'Org ' || i, 'org' || i, NULL,
    CASE i % 4 WHEN 0 THEN 'rdi' WHEN 1 THEN 'public' ELSE 'company' END, 1 FROM range(1, 1201) t(i);
INSERT INTO membership (cluster_id, import_id, org_id, org_type, employees, status, member_since, member_until,
                        governance_role)
SELECT 'default', 1, i, CASE i % 4 WHEN 0 THEN 'rdi' WHEN 1 THEN 'public' ELSE 'company' END, i % 50,
       CASE WHEN i % 20 = 0 THEN 'former' ELSE 'member' END,
       DATE '2015-01-01' + INTERVAL (i * 3) DAY,
       CASE WHEN i % 20 = 0 THEN DATE '2024-06-30' END,
       CASE WHEN i % 97 = 0 THEN 'board' ELSE 'none' END
FROM range(1, 1001) t(i);
INSERT INTO event (cluster_id, event_key, import_id, title, date, event_type)
SELECT 'default', i, 1, 'Event ' || i, DATE '2020-01-01' + INTERVAL (i * 7) DAY,
       (['seminar', 'workshop', 'webinar', 'info_session', 'matchmaking', 'other'])[i % 6 + 1]
FROM range(1, 301) t(i);
INSERT INTO participation (cluster_id, import_id, event_key, org_id, email_hash, name_hash, role, attended)
SELECT 'default', 1, i % 300 + 1, (i * 7919) % 1200 + 1, 'e' || (i % 40000), 'n' || (i % 45000),
       CASE WHEN i % 50 = 0 THEN 'speaker' ELSE 'attendee' END, i % 10 <> 0
FROM range(100000) t(i);
INSERT INTO funding (cluster_id, import_id, year, source_type, amount_eur, status)
SELECT 'default', 1, 2020 + i % 6, (['membership_fee', 'city_base_funding', 'eu_project'])[i % 3 + 1], 1000 + i, 'paid'
FROM range(60) t(i);
INSERT INTO project (cluster_id, project_key, import_id, name, status, start_date, eu_funding_eur, is_rdi)
SELECT 'default', i, 1, 'P' || i, (['granted', 'rejected', 'ongoing', 'closed'])[i % 4 + 1],
       DATE '2020-01-01' + INTERVAL (i * 40) DAY, 10000 * i, i % 2 = 0 FROM range(1, 50) t(i);
INSERT INTO project_partner SELECT 'default', 1, NULL, i % 49 + 1, i % 1000 + 1 FROM range(400) t(i);
INSERT INTO outcome (cluster_id, outcome_key, import_id, date, outcome_type, title)
SELECT 'default', i, 1, DATE '2020-01-01' + INTERVAL (i * 5) DAY,
       (['new_partnership', 'innovation', 'export_deal', 'publication'])[i % 4 + 1], 'O' || i
FROM range(400) t(i);
"""


def main() -> None:
    con: duckdb.DuckDBPyConnection = memory_db()
    ensure_cluster(con, "default")
    con.execute(SETUP)
    compute(con)  # warm
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        results = compute(con)
        runs.append(time.perf_counter() - start)
    print(f"{len(results)} records; best {min(runs):.3f} s, median {sorted(runs)[2]:.3f} s")


if __name__ == "__main__":
    main()
