"""DuckDB schema of Klusterimittari and its in-place upgrades.

Conventions every table follows:
- every fact carries ``cluster_id``;
- every fact row carries the ``import_id`` of the import that loaded it and ``replaced_by``:
  the import whose newer row with the same natural key superseded it (NULL = effective).
  Undoing import X deletes X's rows and sets ``replaced_by = NULL`` where it was X, so an
  undo restores exactly the state before X;
- identity tables (``organisation``) are never versioned; rows no longer referenced after an
  undo are removed.
Indicators read the ``v_*`` views, which hold effective rows only.
"""

from __future__ import annotations

import duckdb

from i18n.errors import LocalisedError

SCHEMA_VERSION = 5

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE SEQUENCE IF NOT EXISTS seq_import START 1;
CREATE SEQUENCE IF NOT EXISTS seq_org START 1;
CREATE SEQUENCE IF NOT EXISTS seq_event START 1;
CREATE SEQUENCE IF NOT EXISTS seq_project START 1;
CREATE SEQUENCE IF NOT EXISTS seq_outcome START 1;
CREATE SEQUENCE IF NOT EXISTS seq_survey START 1;

CREATE TABLE IF NOT EXISTS cluster (
    cluster_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    -- ry | oy | osuuskunta | city_unit | dev_company_project | contract_based | anchor_led |
    -- university_hosted | undefined
    org_form VARCHAR,
    staff_fte DOUBLE,
    strategic_priorities VARCHAR[],
    tiers VARCHAR[],
    region VARCHAR,
    created_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kinds VARCHAR,                    -- comma-separated sheet kinds that were loaded
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_loaded INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    imported_at TIMESTAMP NOT NULL,
    user_name VARCHAR,
    status VARCHAR NOT NULL,          -- loaded | noop | rejected | undone
    message VARCHAR,                  -- short reason for noop / rejected
    undone_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS organisation (
    cluster_id VARCHAR NOT NULL,
    org_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    -- normalised name (SPEC 3): casefold, legal forms, punctuation and spaces removed
    name_key VARCHAR NOT NULL,
    business_id VARCHAR,
    -- type known outside the register (attendance creates 'other')
    org_type VARCHAR NOT NULL DEFAULT 'other',
    import_id INTEGER NOT NULL,       -- the import that created the organisation
    PRIMARY KEY (cluster_id, org_id)
);

CREATE TABLE IF NOT EXISTS membership (  -- one snapshot of the member register per import
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    org_id INTEGER NOT NULL,
    org_type VARCHAR NOT NULL DEFAULT 'other',
    size_class VARCHAR,
    employees INTEGER,
    turnover_eur DECIMAL(18,2),
    sector VARCHAR,
    municipality VARCHAR,
    tier VARCHAR,
    status VARCHAR NOT NULL DEFAULT 'member',   -- member | follower | former
    member_since DATE,
    member_until DATE,
    -- board | steering_group | section_chair | none
    governance_role VARCHAR NOT NULL DEFAULT 'none',
    annual_fee_eur DECIMAL(18,2)
);

CREATE TABLE IF NOT EXISTS event (
    cluster_id VARCHAR NOT NULL,
    event_key INTEGER NOT NULL,       -- stable identity; versions share it
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    event_id VARCHAR,
    title VARCHAR NOT NULL,
    date DATE NOT NULL,
    event_type VARCHAR NOT NULL DEFAULT 'other',
    format VARCHAR,                   -- in_person | online | hybrid
    organiser VARCHAR,
    from_attendance BOOLEAN NOT NULL DEFAULT false   -- created by an attendance list
);

CREATE TABLE IF NOT EXISTS participation (
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    event_key INTEGER NOT NULL,
    org_id INTEGER NOT NULL,
    email_hash VARCHAR,               -- keyed hash (HMAC-SHA256) of the normalised e-mail
    name_hash VARCHAR,                -- keyed hash of the normalised person name
    role VARCHAR NOT NULL DEFAULT 'attendee',  -- attendee | speaker | host | organiser
    attended BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS funding (
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    year INTEGER NOT NULL,
    source_type VARCHAR NOT NULL,
    amount_eur DECIMAL(18,2) NOT NULL,
    payer VARCHAR,
    status VARCHAR NOT NULL DEFAULT 'paid',   -- committed | paid
    note VARCHAR
);

CREATE TABLE IF NOT EXISTS project (
    cluster_id VARCHAR NOT NULL,
    project_key INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    project_id VARCHAR,
    name VARCHAR NOT NULL,
    funder_programme VARCHAR,
    status VARCHAR NOT NULL,          -- applied | granted | rejected | ongoing | closed
    applied_date DATE,
    start_date DATE NOT NULL,
    end_date DATE,
    total_budget_eur DECIMAL(18,2),
    eu_funding_eur DECIMAL(18,2),
    national_public_eur DECIMAL(18,2),
    municipal_eur DECIMAL(18,2),
    private_company_eur DECIMAL(18,2),
    is_rdi BOOLEAN NOT NULL DEFAULT false,
    city_need BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS project_partner (
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    project_key INTEGER NOT NULL,
    org_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS outcome (
    cluster_id VARCHAR NOT NULL,
    outcome_key INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    date DATE NOT NULL,
    outcome_type VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    description VARCHAR,
    amount_eur DECIMAL(18,2),
    jobs INTEGER,
    country VARCHAR,
    attribution VARCHAR,              -- direct | contributory | unknown
    evidence VARCHAR,
    consent_to_publish BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS outcome_org (
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    outcome_key INTEGER NOT NULL,
    org_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS survey_item (    -- the survey catalogue (SPEC 5), seeded by code
    code VARCHAR PRIMARY KEY,
    text_fi VARCHAR NOT NULL,
    text_en VARCHAR NOT NULL,
    scale VARCHAR NOT NULL,           -- likert5 | yesno | text
    indicator VARCHAR                 -- indicator code the item feeds, e.g. ORG-5
);

CREATE TABLE IF NOT EXISTS survey (
    cluster_id VARCHAR NOT NULL,
    survey_id INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    name VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    invited INTEGER                   -- number invited; NULL = response rate unknown
);

CREATE TABLE IF NOT EXISTS survey_response (
    cluster_id VARCHAR NOT NULL,
    survey_id INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    response_no INTEGER NOT NULL,     -- the respondent's row number in the export
    org_type VARCHAR,
    size_class VARCHAR,
    submitted TIMESTAMP
);

CREATE TABLE IF NOT EXISTS survey_answer (
    cluster_id VARCHAR NOT NULL,
    survey_id INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    response_no INTEGER NOT NULL,
    item_code VARCHAR NOT NULL,
    value_num DOUBLE,                 -- 1..5 for likert5, 1 = yes / 0 = no for yesno
    value_text VARCHAR                -- open-text answers (manager only)
);

CREATE TABLE IF NOT EXISTS regional_stat (
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    region VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    measure VARCHAR NOT NULL,
    value DOUBLE,
    unit VARCHAR,
    source VARCHAR
);

CREATE TABLE IF NOT EXISTS target (
    cluster_id VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE NOT NULL,
    set_by VARCHAR,
    set_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (cluster_id, code, metric, year)
);

CREATE TABLE IF NOT EXISTS app_user (
    user_name VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,            -- manager | board
    pw_hash VARCHAR,                  -- argon2 hash; NULL for OIDC-only accounts
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS audit_log (
    logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    cluster_id VARCHAR,
    user_name VARCHAR,
    -- import | undo | export | target_set | target_remove | sign_in | ...
    action VARCHAR NOT NULL,
    detail VARCHAR
);

CREATE OR REPLACE VIEW v_member AS          -- the effective member register
    SELECT * FROM membership WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_org AS             -- organisations with their register attributes, if any
    SELECT o.cluster_id, o.org_id, o.name, o.business_id,
           coalesce(m.org_type, o.org_type) AS org_type,
           m.size_class, m.employees, m.turnover_eur, m.sector, m.municipality,
           m.tier, m.status, m.member_since, m.member_until, m.governance_role,
           m.annual_fee_eur, m.org_id IS NOT NULL AS in_register
    FROM organisation o
    LEFT JOIN v_member m USING (cluster_id, org_id);
CREATE OR REPLACE VIEW v_event AS SELECT * FROM event WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_participation AS SELECT * FROM participation WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_funding AS SELECT * FROM funding WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_project AS SELECT * FROM project WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_project_partner AS SELECT * FROM project_partner WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_outcome AS SELECT * FROM outcome WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_outcome_org AS SELECT * FROM outcome_org WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_survey AS SELECT * FROM survey WHERE replaced_by IS NULL;
CREATE OR REPLACE VIEW v_survey_answer AS
    SELECT a.* FROM survey_answer a JOIN v_survey s USING (cluster_id, survey_id);
CREATE OR REPLACE VIEW v_survey_response AS
    SELECT r.* FROM survey_response r JOIN v_survey s USING (cluster_id, survey_id);
CREATE OR REPLACE VIEW v_regional_stat AS SELECT * FROM regional_stat WHERE replaced_by IS NULL;
"""

# Real exports (SPEC 2.1): attendance lists without an organisation column resolve people by
# e-mail domain, so a participation may have no organisation (``org_from`` says how it was
# found: ``list`` or ``domain``; NULL = not resolved) and keeps the keyed hash of its e-mail
# domain (never the domain: a personal domain names a person), from which later lists learn
# which organisation a domain belongs to; the register holds each member's web domain;
# statistics keep the region's code (``KU430``).
_V2 = """
ALTER TABLE participation ALTER COLUMN org_id DROP NOT NULL;
ALTER TABLE participation ADD COLUMN domain_hash VARCHAR;
ALTER TABLE participation ADD COLUMN org_from VARCHAR;
ALTER TABLE membership ADD COLUMN domain VARCHAR;
ALTER TABLE regional_stat ADD COLUMN region_code VARCHAR;
"""

# Sign-ins that outlive a page reload (only a hash of the browser's token is kept), and the
# audit log's facts as named fields, so each entry is shown in the reader's language.
_V3 = """
CREATE TABLE IF NOT EXISTS sign_in_session (
    token_hash VARCHAR PRIMARY KEY,
    user_name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    expires_at TIMESTAMP NOT NULL
);
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS fields VARCHAR;  -- JSON object of the facts
"""

# Source profiles (SPEC 2.1, unknown layouts): a manager's column mapping per header row.
_V4_SOURCE_PROFILES = """
CREATE TABLE IF NOT EXISTS source_profile (  -- a saved column mapping for one export layout
    cluster_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,            -- the sheet kind the layout maps to
    headers VARCHAR[] NOT NULL,       -- the normalised header row, cell by cell (the key)
    -- per header cell: the kind's column or survey item; NULL = ignored
    fields VARCHAR[] NOT NULL,
    written VARCHAR[],                -- the header cells as the first file wrote them
    created_by VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (cluster_id, name)
);
"""

# Employee counts per year (REG-3). The register is a snapshot that each import replaces, so
# its counts cannot tell 2023 from 2025; every register import also writes here each
# organisation's count under the register's year (its year or snapshot-date column, else the
# year given on import, else the import's year), and a later register replaces only the counts
# of the same organisation and year. Undo removes an import's counts and gives back those it
# replaced, as for any fact. Registers imported before this table existed fill it with their
# counts under the year of their import.
_V5_EMPLOYEE_HISTORY = """
CREATE TABLE IF NOT EXISTS member_employees (  -- one count per organisation and year
    cluster_id VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    replaced_by INTEGER,
    row_no INTEGER,
    org_id INTEGER NOT NULL,
    year INTEGER NOT NULL,            -- the year the register gives the count for
    employees INTEGER NOT NULL
);
CREATE OR REPLACE VIEW v_member_employees AS
    SELECT * FROM member_employees WHERE replaced_by IS NULL;
INSERT INTO member_employees (cluster_id, import_id, replaced_by, row_no, org_id, year, employees)
    SELECT m.cluster_id, m.import_id,
           lead(m.import_id) OVER (PARTITION BY m.cluster_id, m.org_id, year(l.imported_at)
                                   ORDER BY m.import_id),
           m.row_no, m.org_id, year(l.imported_at), m.employees
    FROM membership m JOIN import_log l USING (import_id)
    WHERE m.employees IS NOT NULL;
"""

# Ordered upgrades: MIGRATIONS[v] brings a database from version v-1 to v.
MIGRATIONS: dict[int, str] = {
    1: _V1,
    2: _V2,
    3: _V3,
    4: _V4_SOURCE_PROFILES,
    5: _V5_EMPLOYEE_HISTORY,
}


class SchemaTooNew(LocalisedError):
    """The database was written by a newer program; this one must not touch it."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__("database.schema_newer", found=found, supported=supported)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """Schema version stored in the database; 0 for a new database."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()[0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to SCHEMA_VERSION in one transaction; return the version found."""
    found = current_version(con)
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(found, SCHEMA_VERSION)
    if found == SCHEMA_VERSION:
        return found
    con.execute("BEGIN TRANSACTION")
    try:
        for version in range(found + 1, SCHEMA_VERSION + 1):
            con.execute(MIGRATIONS[version])
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return found
