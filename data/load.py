"""What every kind's loader shares: the load context, versioning by natural key, and the
steps several kinds take (keeping the last row per key, matching events, linking
organisation lists).

A loader is ``INSERT ... SELECT`` from the staged table (rows without errors only). After
inserting, ``supersede`` marks older effective rows whose natural key the new import also holds
with ``replaced_by = import_id``; undo (``data.undo``) reverses exactly that. Every row of the
import with a key replaces all older rows with that key; rows sharing a key within one file are
all kept unless the loader keeps only the last (``keep_last``). Each kind's tables and keys are
declared in its module in ``data.kinds``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from data import orgs
from data.report import WARNING, Issue
from data.sqlfunc import sql_str

if TYPE_CHECKING:
    from data.kinds.base import Table
    from data.normalise import Staged


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
    register_year: int | None = None  # the member register's year, when the manager gives it
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


def supersede(ctx: LoadContext, table: Table) -> None:
    """Mark older effective rows that share a natural key with this import's rows."""
    key, source = table.key, table.key_source or table.name
    ctx.cur.execute(f"""
        UPDATE {table.name} SET replaced_by = {ctx.import_id}
        WHERE cluster_id = {ctx.cluster} AND replaced_by IS NULL AND import_id <> {ctx.import_id}
          AND {key} IN (SELECT {key} FROM {source}
                        WHERE cluster_id = {ctx.cluster} AND import_id = {ctx.import_id})
    """)


def good(staged: Staged) -> str:
    """The staged rows without errors, as a subquery."""
    return f'(SELECT * FROM "{staged.table}" WHERE NOT __bad)'


def count(ctx: LoadContext, source: str) -> int:
    return ctx.cur.execute(f"SELECT count(*) FROM {source}").fetchone()[0]


def keep_last(ctx: LoadContext, staged: Staged, key_sql: str, out: str, column: str) -> None:
    """Temp table ``out``: good rows, the last of each ``key_sql``; earlier ones are warned."""
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        SELECT *, {key_sql} AS __key,
               row_number() OVER (PARTITION BY {key_sql} ORDER BY __row DESC) AS __rank
        FROM {good(staged)}
    """)
    header = staged.layout.headers.get(column)
    for row, value in ctx.cur.execute(
        f'SELECT __row, "r_{column}" FROM {out} WHERE __rank > 1 ORDER BY __row'
        if header
        else f"SELECT __row, NULL FROM {out} WHERE __rank > 1 ORDER BY __row"
    ).fetchall():
        ctx.warn(staged.sheet, row, header, value, "duplicate_in_file")
    ctx.cur.execute(f"DELETE FROM {out} WHERE __rank > 1")


def restaged(staged: Staged, table: str) -> Staged:
    """The same sheet read from another (derived) temp table."""
    return dataclasses.replace(staged, table=table)


def orgs_created(ctx: LoadContext, staged: Staged, created: int) -> None:
    if created:
        ctx.warn(staged.sheet, None, None, None, "orgs_created", count=created)


def event_key_sql(id_col: str, title_col: str, date_col: str) -> str:
    """An event's identity within a file: its id, else its title and date."""
    return (
        f"CASE WHEN {id_col} IS NOT NULL THEN 'id:' || lower({id_col}) "
        f"ELSE 'td:' || lower({title_col}) || '|' || {date_col} END"
    )


def match_events(
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


def link_orgs(
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
    orgs_created(ctx, staged, created)
    ctx.cur.execute(f"""
        INSERT INTO {table} (cluster_id, import_id, {key_col}, org_id)
        SELECT DISTINCT {ctx.cluster}, {ctx.import_id}, i.{key_col}, o.org_id
        FROM {t}_items i JOIN {t}_lorg o USING (ref)
    """)
