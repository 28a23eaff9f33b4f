"""A small cluster written straight into the schema tables, for hand-computed analytics tests.

Years 2022-2024. The comments give the facts the expected numbers in the tests rest on.
"""

from __future__ import annotations

import duckdb

ORGS = """
INSERT INTO organisation (cluster_id, org_id, name, name_key, business_id, org_type,
    import_id) VALUES
    ('default', 1, 'Alfa Oy', 'alfa', NULL, 'company', 1),
    ('default', 2, 'Beta Oy', 'beta', NULL, 'company', 1),
    ('default', 3, 'Gamma Oy', 'gamma', NULL, 'company', 1),
    ('default', 4, 'Delta Oy', 'delta', NULL, 'company', 1),
    ('default', 5, 'Yliopisto U', 'yliopistou', NULL, 'rdi', 1),
    ('default', 6, 'Loimaan kaupunki', 'loimaankaupunki', NULL, 'public', 1),
    ('default', 7, 'Epsilon Oy', 'epsilon', NULL, 'company', 1),
    ('default', 8, 'Zeta ry', 'zeta', NULL, 'third_sector', 1),
    ('default', 9, 'Vieras Oy', 'vieras', NULL, 'other', 2),
    ('default', 10, 'Eta Oy', 'eta', NULL, 'company', 1)
"""

# Register (import 1): Alfa is on the board; Gamma left 30.6.2023; Delta has no join date;
# Epsilon is a follower; Zeta is former without end date (a member on no date); Eta joined
# 1.2.2024. The row of import 9 was replaced by import 1 and must never count.
MEMBERS = """
INSERT INTO membership (cluster_id, import_id, replaced_by, row_no, org_id, org_type, tier, status,
                        member_since, member_until, governance_role, annual_fee_eur,
                            employees) VALUES
    ('default', 1, NULL, 2, 1, 'company', 'Ydin', 'member', DATE '2019-03-01', NULL, 'board', 500,
        40),
    ('default', 1, NULL, 3, 2, 'company', 'Jäsen', 'member', DATE '2022-06-01', NULL, 'none', 500,
        12),
    ('default', 1, NULL, 4, 3, 'company', 'Jäsen', 'former', DATE '2021-01-01', DATE '2023-06-30',
        'none', 500, 3),
    ('default', 1, NULL, 5, 4, 'company', 'Jäsen', 'member', NULL, NULL, 'none', 0, NULL),
    ('default', 1, NULL, 6, 5, 'rdi', 'Kumppani', 'member', DATE '2023-01-01', NULL, 'none', NULL,
        NULL),
    ('default', 1, NULL, 7, 6, 'public', 'Kumppani', 'member', DATE '2020-01-01', NULL, 'none',
        NULL, NULL),
    ('default', 1, NULL, 8, 7, 'company', NULL, 'follower', DATE '2021-01-01', NULL, 'none', NULL,
        NULL),
    ('default', 1, NULL, 9, 8, 'third_sector', 'Jäsen', 'former', DATE '2018-01-01', NULL, 'none',
        50, NULL),
    ('default', 1, NULL, 10, 10, 'company', 'Jäsen', 'member', DATE '2024-02-01', NULL, 'none',
        500, 5),
    ('default', 9, 1, 2, 9, 'company', 'Ydin', 'member', DATE '2010-01-01', NULL, 'board', 900, 1)
"""

EVENTS = """
INSERT INTO event (cluster_id, event_key, import_id, row_no, event_id, title, date,
    event_type) VALUES
    ('default', 1, 2, 2, 'E1', 'Kevätseminaari', DATE '2023-02-10', 'seminar'),
    ('default', 2, 2, 3, 'E2', 'Työpaja', DATE '2023-05-05', 'workshop'),
    ('default', 3, 2, 4, 'E3', 'Syysseminaari', DATE '2023-09-01', 'seminar'),
    ('default', 4, 2, 5, 'E4', 'Törmäytys', DATE '2024-03-01', 'matchmaking'),
    ('default', 5, 2, 6, 'E5', 'Webinaari', DATE '2022-11-11', 'webinar')
"""

# Person-participations: 2022 = 1; 2023 = E1 3 (Alfa's two rows share an e-mail, Gamma did
# not attend) + E2 5 (Beta's second row repeats name and organisation; the city's two rows
# carry no identity and both count) + E3 2 = 10; 2024 = 3.
PARTICIPANTS = """
INSERT INTO participation (cluster_id, import_id, row_no, event_key, org_id, email_hash, name_hash,
                           role, attended) VALUES
    ('default', 2, 2, 1, 1, 'a', 'A', 'speaker', true),
    ('default', 2, 3, 1, 1, 'a', 'A', 'attendee', true),
    ('default', 2, 4, 1, 2, 'b', 'B', 'attendee', true),
    ('default', 2, 5, 1, 9, NULL, 'V', 'attendee', true),
    ('default', 2, 6, 1, 3, 'c', 'C', 'attendee', false),
    ('default', 3, 2, 2, 1, 'a', 'A', 'attendee', true),
    ('default', 3, 3, 2, 2, NULL, 'B', 'attendee', true),
    ('default', 3, 4, 2, 2, NULL, 'B', 'attendee', true),
    ('default', 3, 5, 2, 5, 'u', NULL, 'attendee', true),
    ('default', 3, 6, 2, 6, NULL, NULL, 'attendee', true),
    ('default', 3, 7, 2, 6, NULL, NULL, 'attendee', true),
    ('default', 4, 2, 3, 1, 'a', 'A', 'attendee', true),
    ('default', 4, 3, 3, 4, 'd', 'D', 'attendee', true),
    ('default', 5, 2, 4, 1, 'a', 'A', 'attendee', true),
    ('default', 5, 3, 4, 2, 'b', 'B', 'attendee', true),
    ('default', 5, 4, 4, 7, 'f', 'F', 'attendee', true),
    ('default', 6, 2, 5, 1, 'a', 'A', 'attendee', true)
"""

# The university is a partner in a project closed at the end of 2023 (active in 2023 only).
PROJECTS = """
INSERT INTO project (cluster_id, project_key, import_id, row_no, project_id, name, status,
                     start_date, end_date, eu_funding_eur) VALUES
    ('default', 1, 7, 2, 'P1', 'Testihanke', 'closed', DATE '2023-01-01', DATE '2023-12-31', 20000);
INSERT INTO project_partner (cluster_id, import_id, project_key, org_id) VALUES ('default', 7, 1,
    5);
"""

# Paid 2023: city 10 000, fees 1 500, EU project 20 000, foundation 2 000 = 33 500; committed
# 2023: service fee 3 000. 2024: city 15 000 committed only; paid fees 2 000 + national project
# 8 000 = 10 000. The replaced row (99 999) must never count.
FUNDING = """
INSERT INTO funding (cluster_id, import_id, replaced_by, row_no, year, source_type, amount_eur,
                     payer, status) VALUES
    ('default', 8, NULL, 2, 2023, 'city_base_funding', 10000, 'Loimaan kaupunki', 'paid'),
    ('default', 8, NULL, 3, 2023, 'membership_fee', 1500, 'Jäsenet', 'paid'),
    ('default', 8, NULL, 4, 2023, 'eu_project', 20000, 'EAKR', 'paid'),
    ('default', 8, NULL, 5, 2023, 'foundation', 2000, 'Säätiö', 'paid'),
    ('default', 8, NULL, 6, 2023, 'service_fee', 3000, 'Yritykset', 'committed'),
    ('default', 8, NULL, 7, 2024, 'city_base_funding', 15000, 'Loimaan kaupunki', 'committed'),
    ('default', 8, NULL, 8, 2024, 'membership_fee', 2000, 'Jäsenet', 'paid'),
    ('default', 8, NULL, 9, 2024, 'national_project', 8000, 'Business Finland', 'paid'),
    ('default', 6, 8, 2, 2023, 'city_base_funding', 99999, 'Loimaan kaupunki', 'paid')
"""

OUTCOMES = """
INSERT INTO outcome (cluster_id, outcome_key, import_id, row_no, date, outcome_type, title,
                     amount_eur, consent_to_publish) VALUES
    ('default', 1, 10, 2, DATE '2023-04-01', 'new_partnership', 'Alfa ja Beta yhteistyöhön', NULL,
        true),
    ('default', 2, 10, 3, DATE '2023-08-15', 'export_deal', 'Vientikauppa Ruotsiin', 50000, false),
    ('default', 3, 10, 4, DATE '2024-01-20', 'pilot_test', 'Pilotti kaupungin kanssa', NULL, true);
INSERT INTO outcome_org (cluster_id, import_id, outcome_key, org_id) VALUES
    ('default', 10, 1, 1), ('default', 10, 1, 2), ('default', 10, 2, 1),
    ('default', 10, 3, 6), ('default', 10, 3, 5);
"""

REGIONAL = """
INSERT INTO regional_stat (cluster_id, import_id, row_no, region, year, measure, value, unit,
    source) VALUES
    ('default', 11, 2, 'Loimaa', 2023, 'population', 15800, 'persons', 'Tilastokeskus'),
    ('default', 11, 3, 'Loimaa', 2024, 'population', 15700, 'persons', 'Tilastokeskus'),
    ('default', 11, 4, 'Loimaa', 2019, 'population', 16100, 'persons', 'Tilastokeskus')
"""

IMPORTS = """
INSERT INTO import_log (import_id, cluster_id, file_name, sha256, kinds, rows_read, rows_loaded,
                        rows_rejected, imported_at, user_name, status) VALUES
    (1, 'default', 'jasenet.xlsx', 'aa', 'members', 9, 9, 0, TIMESTAMP '2024-01-05 10:00:00',
        'koordinaattori', 'loaded'),
    (2, 'default', 'tapahtumat.xlsx', 'bb', 'events,participants', 10, 10, 0,
        TIMESTAMP '2024-02-05 10:00:00', 'koordinaattori', 'loaded'),
    (3, 'other', 'muu.xlsx', 'cc', 'members', 1, 1, 0, TIMESTAMP '2024-03-05 10:00:00', 'x',
        'loaded')
"""


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the ``default`` cluster of ``con`` with the fixture."""
    for sql in (
        ORGS,
        MEMBERS,
        EVENTS,
        PARTICIPANTS,
        PROJECTS,
        FUNDING,
        OUTCOMES,
        REGIONAL,
        IMPORTS,
    ):
        con.execute(sql)
