"""Loading typed sheets into the fact tables, and undoing an import (SPEC 3).

Every loader is ``INSERT ... SELECT`` from the staged table (rows without errors only). After
inserting, ``supersede`` marks older effective rows whose natural key the new import also holds
with ``replaced_by = import_id``; undo reverses exactly that. Natural keys (``NATURAL_KEYS``):

- membership: the whole register (a snapshot replaces the previous one);
- event: its identity ``event_key``, found by ``event_id`` or else by title and date;
- participation: event and person: e-mail hash, else name hash and organisation, else the
  organisation (rows without a person);
- funding: year, source type, payer and note (a committed row that became paid replaces it);
- project: ``project_key`` (by ``project_id``, else name); partners follow their project;
- outcome: ``outcome_key`` (by date and title); its organisations follow it;
- survey: name and year; regional statistic: region, year and measure.
Every row of the import with a key replaces all older rows with that key; rows sharing a key
within one file are all kept (for events, projects, outcomes and members the last one wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from data import orgs
from data.normalise import Staged
from data.report import WARNING, Issue
from data.sqlfunc import sql_str
from data.survey_catalogue import BY_CODE

NATURAL_KEYS: dict[str, str] = {
    "membership": "''",
    "event": "CAST(event_key AS VARCHAR)",
    "participation": (
        "CAST(event_key AS VARCHAR) || '|' || coalesce('e:' || email_hash, "
        "'n:' || name_hash || ':' || org_id, 'o:' || org_id)"
    ),
    "funding": (
        "year || '|' || source_type || '|' || lower(coalesce(payer, '')) || '|' || "
        "lower(coalesce(note, ''))"
    ),
    "project": "CAST(project_key AS VARCHAR)",
    "project_partner": "CAST(project_key AS VARCHAR)",
    "outcome": "CAST(outcome_key AS VARCHAR)",
    "outcome_org": "CAST(outcome_key AS VARCHAR)",
    "survey": "lower(name) || '|' || year",
    "regional_stat": "lower(region) || '|' || year || '|' || lower(measure)",
}

# Child tables take their keys from their parent: a project re-imported without partners
# still replaces the older partner rows.
KEY_SOURCE: dict[str, str] = {"project_partner": "project", "outcome_org": "outcome"}


@dataclass
class LoadContext:
    """What every loader needs besides the staged sheet."""

    cur: duckdb.DuckDBPyConnection
    cluster_id: str
    import_id: int
    file_name: str
    survey_name: str | None = None
    survey_year: int | None = None
    invited: int | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def cluster(self) -> str:
        return sql_str(self.cluster_id)

    def warn(
        self,
        sheet: str,
        row: int | None,
        column: str | None,
        value: object,
        code: str,
        **fields: object,
    ) -> None:
        self.issues.append(
            Issue(
                WARNING,
                self.file_name,
                sheet,
                row,
                column,
                None if value is None else str(value),
                code,
                fields,
            )
        )


def supersede(ctx: LoadContext, table: str) -> None:
    """Mark older effective rows that share a natural key with this import's rows."""
    key, source = NATURAL_KEYS[table], KEY_SOURCE.get(table, table)
    ctx.cur.execute(f"""
        UPDATE {table} SET replaced_by = {ctx.import_id}
        WHERE cluster_id = {ctx.cluster} AND replaced_by IS NULL AND import_id <> {ctx.import_id}
          AND {key} IN (SELECT {key} FROM {source}
                        WHERE cluster_id = {ctx.cluster} AND import_id = {ctx.import_id})
    """)


def _good(staged: Staged) -> str:
    return f'(SELECT * FROM "{staged.table}" WHERE NOT __bad)'


def _keep_last(ctx: LoadContext, staged: Staged, key_sql: str, out: str, column: str) -> None:
    """Temp table ``out``: good rows, the last of each ``key_sql``; earlier ones are warned."""
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        SELECT *, {key_sql} AS __key,
               row_number() OVER (PARTITION BY {key_sql} ORDER BY __row DESC) AS __rank
        FROM {_good(staged)}
    """)
    header = staged.layout.headers.get(column)
    for row, value in ctx.cur.execute(
        f'SELECT __row, "r_{column}" FROM {out} WHERE __rank > 1 ORDER BY __row'
        if header
        else f"SELECT __row, NULL FROM {out} WHERE __rank > 1 ORDER BY __row"
    ).fetchall():
        ctx.warn(staged.sheet, row, header, value, "duplicate_in_file")
    ctx.cur.execute(f"DELETE FROM {out} WHERE __rank > 1")


def _orgs_created(ctx: LoadContext, staged: Staged, created: int) -> None:
    if created:
        ctx.warn(staged.sheet, None, None, None, "orgs_created", count=created)


def load_members(ctx: LoadContext, staged: Staged) -> int:
    """The register is a snapshot: it replaces the cluster's previous member list."""
    t = staged.table
    orgs.resolve(
        ctx.cur,
        f"SELECT __row AS ref, business_id, name, org_type FROM {_good(staged)}",
        f"{t}_org",
        cluster_id=ctx.cluster_id,
        import_id=ctx.import_id,
    )
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_j AS
        SELECT g.*, o.org_id FROM {_good(staged)} g JOIN {t}_org o ON o.ref = g.__row
    """)
    staged_rows = Staged(staged.sheet, staged.kind, staged.layout, f"{t}_j")
    _keep_last(ctx, staged_rows, "org_id", f"{t}_m", "name")
    ctx.cur.execute(f"""
        INSERT INTO membership (cluster_id, import_id, row_no, org_id, org_type, size_class,
            employees, turnover_eur, sector, municipality, tier, status, member_since,
            member_until, governance_role, annual_fee_eur)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, org_id, coalesce(org_type, 'other'),
            size_class, employees, turnover_eur, sector, municipality, tier,
            coalesce(status, 'member'), member_since, member_until,
            coalesce(governance_role, 'none'), annual_fee_eur
        FROM {t}_m ORDER BY __row
    """)
    supersede(ctx, "membership")
    return ctx.cur.execute(f"SELECT count(*) FROM {t}_m").fetchone()[0]


def _event_key_sql(id_col: str, title_col: str, date_col: str) -> str:
    return (
        f"CASE WHEN {id_col} IS NOT NULL THEN 'id:' || lower({id_col}) "
        f"ELSE 'td:' || lower({title_col}) || '|' || {date_col} END"
    )


def _match_events(
    ctx: LoadContext, source: str, out: str, id_col: str, title_col: str, date_col: str
) -> None:
    """Temp table ``out(__row, event_key)``: effective events matching each source row."""
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        WITH ev AS (SELECT event_key, lower(event_id) AS eid, lower(title) AS ltitle, date
                    FROM v_event WHERE cluster_id = {ctx.cluster}),
        by_id AS (SELECT eid, min(event_key) AS event_key FROM ev
                  WHERE eid IS NOT NULL GROUP BY eid),
        by_td AS (SELECT ltitle, date, eid, min(event_key) AS event_key FROM ev
                  GROUP BY ltitle, date, eid)
        SELECT s.__row, coalesce(
            i.event_key,
            (SELECT min(td.event_key) FROM by_td td WHERE td.ltitle = lower(s.{title_col})
               AND td.date = s.{date_col} AND (s.{id_col} IS NULL OR td.eid IS NULL))
        ) AS event_key
        FROM {source} s LEFT JOIN by_id i ON i.eid = lower(s.{id_col})
    """)


def load_events(ctx: LoadContext, staged: Staged) -> int:
    t = staged.table
    _keep_last(ctx, staged, _event_key_sql("event_id", "title", "date"), f"{t}_e", "title")
    _match_events(ctx, f"{t}_e", f"{t}_k", "event_id", "title", "date")
    ctx.cur.execute(f"""
        INSERT INTO event (cluster_id, event_key, import_id, row_no, event_id, title, date,
                           event_type, format, organiser, from_attendance)
        SELECT {ctx.cluster}, coalesce(k.event_key, nextval('seq_event')), {ctx.import_id},
               e.__row, e.event_id, e.title, e.date, coalesce(e.event_type, 'other'), e.format,
               e.organiser, false
        FROM {t}_e e JOIN {t}_k k USING (__row) ORDER BY e.__row
    """)
    supersede(ctx, "event")
    return ctx.cur.execute(f"SELECT count(*) FROM {t}_e").fetchone()[0]


def load_participants(ctx: LoadContext, staged: Staged) -> int:
    """Attendance rows; unknown events are created (``from_attendance``), unknown
    organisations become non-member organisations, people are stored as keyed hashes."""
    t, cur = staged.table, ctx.cur
    cur.execute(f"CREATE OR REPLACE TEMP VIEW {t}_g AS {_good(staged)}")
    _match_events(ctx, f"{t}_g", f"{t}_k", "event_id", "event_title", "event_date")
    new_events = cur.execute(f"""
        SELECT min(g.__row), arg_min(g.event_id, g.__row), arg_min(g.event_title, g.__row),
               g.event_date
        FROM {t}_g g JOIN {t}_k k USING (__row)
        WHERE k.event_key IS NULL AND g.event_title IS NOT NULL AND g.event_date IS NOT NULL
        GROUP BY lower(g.event_title), g.event_date ORDER BY 1
    """).fetchall()
    if new_events:
        cur.execute(f"""
            INSERT INTO event (cluster_id, event_key, import_id, row_no, event_id, title, date,
                               event_type, from_attendance)
            SELECT {ctx.cluster}, nextval('seq_event'), {ctx.import_id}, NULL, event_id,
                   title, date, 'other', true
            FROM (SELECT arg_min(g.event_id, g.__row) AS event_id,
                         arg_min(g.event_title, g.__row) AS title, g.event_date AS date,
                         min(g.__row) AS first_row
                  FROM {t}_g g JOIN {t}_k k USING (__row) WHERE k.event_key IS NULL
                  GROUP BY lower(g.event_title), g.event_date) ORDER BY first_row
        """)
        header = staged.layout.headers.get("event_title")
        for row, _, title, date in new_events:
            ctx.warn(staged.sheet, row, header, title, "event_created", date=date.isoformat())
        _match_events(ctx, f"{t}_g", f"{t}_k", "event_id", "event_title", "event_date")
    created = orgs.resolve(
        cur,
        f"SELECT __row AS ref, business_id, organisation AS name, 'other' AS org_type FROM {t}_g",
        f"{t}_org",
        cluster_id=ctx.cluster_id,
        import_id=ctx.import_id,
    )
    _orgs_created(ctx, staged, created)
    cur.execute(f"""
        INSERT INTO participation (cluster_id, import_id, row_no, event_key, org_id, email_hash,
                                   name_hash, role, attended)
        SELECT {ctx.cluster}, {ctx.import_id}, g.__row, k.event_key, o.org_id, km_hmac(g.email),
               km_hmac(coalesce(g.person, nullif(concat_ws(' ', g.first_name, g.last_name), ''))),
               coalesce(g.role, 'attendee'), g.attended
        FROM {t}_g g JOIN {t}_k k USING (__row) JOIN {t}_org o ON o.ref = g.__row
        ORDER BY g.__row
    """)
    supersede(ctx, "participation")
    return cur.execute(f"SELECT count(*) FROM {t}_g").fetchone()[0]


def load_funding(ctx: LoadContext, staged: Staged) -> int:
    ctx.cur.execute(f"""
        INSERT INTO funding (cluster_id, import_id, row_no, year, source_type, amount_eur,
                             payer, status, note)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, year, source_type, amount_eur, payer,
               coalesce(status, 'paid'), note
        FROM {_good(staged)} ORDER BY __row
    """)
    supersede(ctx, "funding")
    return ctx.cur.execute(f"SELECT count(*) FROM {_good(staged)}").fetchone()[0]


def _link_orgs(
    ctx: LoadContext, staged: Staged, source: str, list_col: str, key_col: str, table: str
) -> None:
    """Resolve a ``;``-separated organisation list and write ``table(key_col, org_id)``."""
    t = staged.table
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_items AS
        SELECT __row * 10000 + i AS ref, {key_col}, item FROM (
            SELECT __row, {key_col}, unnest({list_col}) AS item,
                   generate_subscripts({list_col}, 1) AS i
            FROM {source} WHERE {list_col} IS NOT NULL)
    """)
    created = orgs.resolve(
        ctx.cur,
        f"SELECT ref, km_bid(item) AS business_id, CASE WHEN km_bid(item) IS NULL "
        f"THEN item END AS name, 'other' AS org_type FROM {t}_items",
        f"{t}_lorg",
        cluster_id=ctx.cluster_id,
        import_id=ctx.import_id,
    )
    _orgs_created(ctx, staged, created)
    ctx.cur.execute(f"""
        INSERT INTO {table} (cluster_id, import_id, {key_col}, org_id)
        SELECT DISTINCT {ctx.cluster}, {ctx.import_id}, i.{key_col}, o.org_id
        FROM {t}_items i JOIN {t}_lorg o USING (ref)
    """)


def load_projects(ctx: LoadContext, staged: Staged) -> int:
    t = staged.table
    key = "CASE WHEN project_id IS NOT NULL THEN 'id:' || lower(project_id) ELSE 'n:' || lower(name) END"
    _keep_last(ctx, staged, key, f"{t}_p", "name")
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_pk AS
        WITH known AS (
            SELECT CASE WHEN project_id IS NOT NULL THEN 'id:' || lower(project_id)
                        ELSE 'n:' || lower(name) END AS k1,
                   'n:' || lower(name) AS k2, project_key FROM v_project
            WHERE cluster_id = {ctx.cluster})
        SELECT p.*, coalesce(
            (SELECT min(project_key) FROM known WHERE known.k1 = p.__key),
            (SELECT min(project_key) FROM known WHERE p.project_id IS NULL
                AND known.k2 = p.__key),
            nextval('seq_project')) AS project_key
        FROM {t}_p p
    """)
    ctx.cur.execute(f"""
        INSERT INTO project (cluster_id, project_key, import_id, row_no, project_id, name,
            funder_programme, status, applied_date, start_date, end_date, total_budget_eur,
            eu_funding_eur, national_public_eur, municipal_eur, private_company_eur, is_rdi,
            city_need)
        SELECT {ctx.cluster}, project_key, {ctx.import_id}, __row, project_id, name,
            funder_programme, status, applied_date, start, "end", total_budget_eur,
            eu_funding_eur, national_public_eur, municipal_eur, private_company_eur,
            coalesce(is_rdi, false), coalesce(city_need, false)
        FROM {t}_pk ORDER BY __row
    """)
    _link_orgs(ctx, staged, f"{t}_pk", "partners", "project_key", "project_partner")
    supersede(ctx, "project")
    supersede(ctx, "project_partner")
    return ctx.cur.execute(f"SELECT count(*) FROM {t}_pk").fetchone()[0]


def load_outcomes(ctx: LoadContext, staged: Staged) -> int:
    t = staged.table
    _keep_last(ctx, staged, "date || '|' || lower(title)", f"{t}_o", "title")
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_ok AS
        SELECT o.*, coalesce(
            (SELECT min(outcome_key) FROM v_outcome v WHERE v.cluster_id = {ctx.cluster}
               AND v.date || '|' || lower(v.title) = o.__key),
            nextval('seq_outcome')) AS outcome_key
        FROM {t}_o o
    """)
    ctx.cur.execute(f"""
        INSERT INTO outcome (cluster_id, outcome_key, import_id, row_no, date, outcome_type,
            title, description, amount_eur, jobs, country, attribution, evidence,
            consent_to_publish)
        SELECT {ctx.cluster}, outcome_key, {ctx.import_id}, __row, date, outcome_type, title,
            description, amount_eur, jobs, country, attribution, evidence,
            coalesce(consent_to_publish, false)
        FROM {t}_ok ORDER BY __row
    """)
    _link_orgs(ctx, staged, f"{t}_ok", "organisations", "outcome_key", "outcome_org")
    supersede(ctx, "outcome")
    supersede(ctx, "outcome_org")
    return ctx.cur.execute(f"SELECT count(*) FROM {t}_ok").fetchone()[0]


def load_regional(ctx: LoadContext, staged: Staged) -> int:
    ctx.cur.execute(f"""
        INSERT INTO regional_stat (cluster_id, import_id, row_no, region, year, measure, value,
                                   unit, source)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, region, year, measure, value, unit, source
        FROM {_good(staged)} ORDER BY __row
    """)
    supersede(ctx, "regional_stat")
    return ctx.cur.execute(f"SELECT count(*) FROM {_good(staged)}").fetchone()[0]


def load_survey(ctx: LoadContext, staged: Staged) -> int:
    """One survey per sheet; responses keep their row number, answers go to long form."""
    name, year = ctx.survey_name, ctx.survey_year
    survey_id = ctx.cur.execute("SELECT nextval('seq_survey')").fetchone()[0]
    ctx.cur.execute(
        "INSERT INTO survey (cluster_id, survey_id, import_id, name, year, invited) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [ctx.cluster_id, survey_id, ctx.import_id, name, year, ctx.invited],
    )
    good = _good(staged)
    ctx.cur.execute(f"""
        INSERT INTO survey_response (cluster_id, survey_id, import_id, response_no, org_type,
                                     size_class, submitted)
        SELECT {ctx.cluster}, {survey_id}, {ctx.import_id}, __row, org_type, size_class,
               CAST(submitted AS TIMESTAMP)
        FROM {good} ORDER BY __row
    """)
    parts = []
    for code in staged.layout.items:
        column = f'"item_{code}"'
        if BY_CODE[code].scale == "text":
            value_num, value_text = "CAST(NULL AS DOUBLE)", column
        else:
            value_num, value_text = column, "CAST(NULL AS VARCHAR)"
        parts.append(
            f"SELECT __row, '{code}' AS item_code, {value_num} AS value_num, "
            f"{value_text} AS value_text FROM {good} WHERE {column} IS NOT NULL"
        )
    if parts:
        ctx.cur.execute(f"""
            INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no, item_code,
                                       value_num, value_text)
            SELECT {ctx.cluster}, {survey_id}, {ctx.import_id}, __row, item_code, value_num,
                   value_text
            FROM ({" UNION ALL ".join(parts)}) ORDER BY __row, item_code
        """)
    supersede(ctx, "survey")
    return ctx.cur.execute(f"SELECT count(*) FROM {good}").fetchone()[0]


LOADERS = {
    "members": load_members,
    "events": load_events,
    "participants": load_participants,
    "funding": load_funding,
    "projects": load_projects,
    "outcomes": load_outcomes,
    "regional": load_regional,
    "survey": load_survey,
}
# Order in which the sheets of one file are loaded: identities before what refers to them.
LOAD_ORDER = (
    "members",
    "events",
    "participants",
    "funding",
    "projects",
    "outcomes",
    "regional",
    "survey",
)


def undo(cur: duckdb.DuckDBPyConnection, cluster_id: str, import_id: int) -> None:
    """Delete one import's rows and give back effectiveness to the rows it replaced.

    Rows it replaced get the ``replaced_by`` of the import's own row with the same key (NULL
    unless a later import replaced that one too), so undoing an import in the middle of the
    history leaves the later imports in force. Events it created that later imports'
    attendance refers to are kept; organisations it created that nothing refers to are removed.
    """
    cluster = sql_str(cluster_id)
    for table, key in NATURAL_KEYS.items():
        cur.execute(f"""
            UPDATE {table} AS t SET replaced_by = m.next_import
            FROM (SELECT {key} AS k, min(replaced_by) AS next_import
                  FROM {KEY_SOURCE.get(table, table)}
                  WHERE cluster_id = {cluster} AND import_id = {import_id} GROUP BY k) m
            WHERE t.cluster_id = {cluster} AND t.replaced_by = {import_id}
              AND {key} = m.k
        """)
        cur.execute(
            f"UPDATE {table} SET replaced_by = NULL "
            f"WHERE cluster_id = {cluster} AND replaced_by = {import_id}"
        )
    cur.execute(f"""
        DELETE FROM event WHERE cluster_id = {cluster} AND import_id = {import_id}
          AND NOT (event_key IN (SELECT event_key FROM participation
                                 WHERE cluster_id = {cluster} AND import_id <> {import_id})
                   AND event_key NOT IN (SELECT event_key FROM event WHERE
                                         cluster_id = {cluster} AND import_id <> {import_id}))
    """)
    for table in (
        "membership",
        "participation",
        "funding",
        "project",
        "project_partner",
        "outcome",
        "outcome_org",
        "survey_answer",
        "survey_response",
        "survey",
        "regional_stat",
    ):
        cur.execute(f"DELETE FROM {table} WHERE cluster_id = {cluster} AND import_id = {import_id}")
    cur.execute(f"""
        DELETE FROM organisation WHERE cluster_id = {cluster} AND import_id = {import_id}
          AND org_id NOT IN (SELECT org_id FROM membership WHERE cluster_id = {cluster}
                             UNION ALL SELECT org_id FROM participation WHERE cluster_id = {cluster}
                             UNION ALL SELECT org_id FROM project_partner WHERE cluster_id = {cluster}
                             UNION ALL SELECT org_id FROM outcome_org WHERE cluster_id = {cluster})
    """)
