"""Typed staging of one sheet: every value parsed in DuckDB SQL, every problem an issue (SPEC 2).

``stage`` turns the reader's Arrow table (``__row`` plus text columns ``c0..cN``) into a
temporary table holding, per used column ``x``: ``r_x`` (the cleaned cell text), ``x`` (the
typed value) and ``e_x`` (an error code or NULL), plus ``__bad``. ``collect`` turns the error
codes and the kind's row checks into ``Issue`` rows and marks rejected rows. Totals rows and
rows empty in every known column are dropped before anything is counted.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from data.headers import SheetLayout
from data.kinds import BOOL, BUSINESS_ID, DATE, ENUM, ENUMS, INT, KINDS, LIST, NUMBER, TEXT, Column
from data.report import ERROR, WARNING, Issue
from data.sqlfunc import YEAR_RANGE, enum_case, sql_str
from data.survey_catalogue import BY_CODE

ISSUE_LIMIT = 1000          # issues listed per sheet; the rest are only counted
MAX_AMOUNT = 10**15         # numbers must fit DECIMAL(18,2)

_SQL_TYPE = {TEXT: "VARCHAR", INT: "INTEGER", NUMBER: "DOUBLE", DATE: "DATE", BOOL: "BOOLEAN",
             BUSINESS_ID: "VARCHAR", ENUM: "VARCHAR", LIST: "VARCHAR[]"}
# Columns whose numbers must lie in a range: name -> (min, max), None = open.
_RANGES: dict[str, tuple[float | None, float | None]] = {
    "employees": (0, None), "jobs": (0, None), "year": YEAR_RANGE,
}


@dataclass(frozen=True)
class RowCheck:
    """A rule over a whole row: ``condition`` is SQL over the typed columns."""

    severity: str
    code: str
    column: str
    condition: str


# Rules that involve more than one column, per kind.
ROW_CHECKS: dict[str, tuple[RowCheck, ...]] = {
    "members": (
        RowCheck(WARNING, "former_without_until", "status",
                 "status = 'former' AND member_until IS NULL"),
        RowCheck(ERROR, "until_before_since", "member_until", "member_until < member_since"),
    ),
    "projects": (RowCheck(ERROR, "end_before_start", "end", '"end" < start'),),
    "participants": (
        RowCheck(ERROR, "event_missing", "event_title",
                 "event_id IS NULL AND (event_title IS NULL OR event_date IS NULL)"),
    ),
}


@dataclass
class Staged:
    """One sheet after typing: the temp table and its counts."""

    sheet: str
    kind: str
    layout: SheetLayout
    table: str
    rows_read: int = 0
    rows_rejected: int = 0
    issues: list[Issue] = field(default_factory=list)
    issues_omitted: int = 0


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(column: Column, value: object) -> str:
    sql_type = _SQL_TYPE[column.type]
    if value is None:
        return f"CAST(NULL AS {sql_type})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return f"CAST({sql_str(value)} AS {sql_type})"


def _typed(column: Column, raw: str) -> str:
    """SQL turning cleaned cell text ``raw`` into the column's type."""
    kind = column.type
    if kind == NUMBER:
        return f"km_num({raw})"
    if kind == INT:
        return f"km_int({raw})"
    if kind == DATE:
        return f"km_date({raw})"
    if kind == BOOL:
        return f"km_bool({raw})"
    if kind == BUSINESS_ID:
        return f"km_bid({raw})"
    if kind == ENUM:
        default = _literal(column, column.default)
        return f"CASE WHEN {raw} IS NULL THEN {default} ELSE {enum_case(column.enum, raw)} END"
    if kind == LIST:
        return f"km_list({raw})"
    return raw


def _error(column: Column, raw: str, typed: str) -> str:
    """SQL giving the error code of one cell, or NULL."""
    whens = []
    if column.required:
        whens.append(f"WHEN {raw} IS NULL THEN 'required'")
    if column.type in (NUMBER, INT, DATE, BOOL, BUSINESS_ID, ENUM):
        whens.append(f"WHEN {raw} IS NOT NULL AND {typed} IS NULL THEN 'bad_{column.type}'")
    if column.type == LIST:
        whens.append(f"WHEN len(list_filter({typed}, lambda x: km_looks_bid(x) "
                     "AND km_bid(x) IS NULL)) > 0 THEN 'bad_business_id_in_list'")
    if column.type == NUMBER:
        whens.append(f"WHEN abs({typed}) >= {MAX_AMOUNT} THEN 'out_of_range'")
    low, high = _RANGES.get(column.name, (None, None))
    if low is not None:
        whens.append(f"WHEN {typed} < {low} THEN 'out_of_range'")
    if high is not None:
        whens.append(f"WHEN {typed} > {high} THEN 'out_of_range'")
    return f"CASE {' '.join(whens)} END" if whens else "CAST(NULL AS VARCHAR)"


def _item_typed(code: str, raw: str) -> tuple[str, str]:
    """(typed SQL, error SQL) for a survey item column."""
    scale = BY_CODE[code].scale
    if scale == "text":
        return raw, "CAST(NULL AS VARCHAR)"
    func, err = ("km_likert", "bad_likert") if scale == "likert5" else ("km_yesno", "bad_yesno")
    typed = f"{func}({raw})"
    return typed, f"CASE WHEN NOT km_no_answer({raw}) AND {typed} IS NULL THEN '{err}' END"


def stage(cur: duckdb.DuckDBPyConnection, table: pa.Table, layout: SheetLayout, *,
          sheet: str, name: str, overrides: dict[str, object] | None = None) -> Staged:
    """Create temp table ``name`` with the sheet's typed rows (see module doc).

    ``overrides`` fill a column where the sheet has no value (``--event-title`` ...).
    """
    kind = KINDS[layout.kind]
    overrides = overrides or {}
    raw_name = f"{name}_raw"
    cur.register(raw_name, table)
    cleaned = [f"km_clean({_q(src)}) AS {_q('r_' + col)}" for col, src in layout.columns.items()]
    used = [f"{_q('r_' + col)} IS NOT NULL" for col in layout.columns]
    typed: list[str] = []
    errors: list[str] = []
    for column in kind.columns:
        target = _q(column.name)
        if column.name in layout.columns:
            raw = _q("r_" + column.name)
            expr = _typed(column, raw)
            if column.name in overrides:
                expr = f"coalesce({expr}, {_literal(column, overrides[column.name])})"
            typed.append(f"{expr} AS {target}")
            errors.append(f"{_error(column, raw, target)} AS {_q('e_' + column.name)}")
        else:
            value = overrides.get(column.name, column.default)
            if column.type == BOOL and value is None:
                value = False
            typed.append(f"{_literal(column, value)} AS {target}")
    for code in layout.items:
        item_typed, item_error = _item_typed(code, _q("r_" + code))
        typed.append(f"{item_typed} AS {_q('item_' + code)}")
        errors.append(f"{item_error} AS {_q('e_' + code)}")
    raw_cols = ", ".join(_q("r_" + col) for col in layout.columns)
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {_q(name)} AS
        SELECT *, {', '.join(errors) or 'NULL AS __none'}, false AS __bad FROM (
            SELECT __row, {raw_cols}, {', '.join(typed)} FROM (
                SELECT CAST(__row AS INTEGER) AS __row, {', '.join(cleaned)},
                       km_clean({_q(layout.first_column)}) AS __first
                FROM {_q(raw_name)} WHERE __row > {layout.header_row}
            ) WHERE ({' OR '.join(used)}) AND NOT coalesce(km_totals(__first), false)
        ) ORDER BY __row
    """)
    cur.unregister(raw_name)
    return Staged(sheet=sheet, kind=layout.kind, layout=layout, table=name)


def _issue_selects(staged: Staged) -> list[str]:
    """One SELECT per error column and per row check, all of the same shape."""
    layout, table = staged.layout, _q(staged.table)
    kind = KINDS[staged.kind]
    selects = []
    for col in [*(c.name for c in kind.columns if c.name in layout.columns), *layout.items]:
        enum = kind.column(col).enum if col not in layout.items else None
        selects.append(
            f"SELECT __row AS row_no, {sql_str(layout.headers[col])} AS col, {_q('r_' + col)} "
            f"AS value, {_q('e_' + col)} AS code, '{ERROR}' AS severity, "
            f"{sql_str(enum) if enum else 'NULL'} AS enum FROM {table} "
            f"WHERE {_q('e_' + col)} IS NOT NULL")
    for check in ROW_CHECKS.get(staged.kind, ()):
        present = check.column in layout.columns
        header = sql_str(layout.headers[check.column]) if present else "NULL"
        value = _q("r_" + check.column) if present else "NULL"
        selects.append(
            f"SELECT __row, {header}, {value}, '{check.code}', '{check.severity}', NULL "
            f"FROM {table} WHERE coalesce({check.condition}, false)")
    return selects


def accepted_values(enum: str) -> str:
    """The accepted values of an enumeration, for messages in either language:
    ``jäsen (member), seuraaja (follower), ...``."""
    return ", ".join(f"{names[0]} ({code})" for code, names in ENUMS[enum].items())


def collect(cur: duckdb.DuckDBPyConnection, staged: Staged, file_name: str,
            extra: list[str] | None = None) -> Staged:
    """Gather the sheet's issues, mark rows with errors as bad and count them.

    ``extra`` are further SELECTs of the same shape (row, column, value, code, severity, enum)
    that the importer adds after looking at the database.
    """
    issues_table = _q(staged.table + "_issues")
    selects = _issue_selects(staged) + list(extra or [])
    union = " UNION ALL ".join(selects) if selects else (
        "SELECT NULL::INTEGER, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, "
        "NULL::VARCHAR WHERE false")
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {issues_table} AS {union}")
    cur.execute(f"UPDATE {_q(staged.table)} SET __bad = true WHERE __row IN "
                f"(SELECT row_no FROM {issues_table} WHERE severity = '{ERROR}')")
    staged.rows_read, staged.rows_rejected = cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE __bad) FROM {_q(staged.table)}").fetchone()
    total = cur.execute(f"SELECT count(*) FROM {issues_table}").fetchone()[0]
    rows = cur.execute(
        f"SELECT * FROM {issues_table} ORDER BY severity, row_no, col LIMIT {ISSUE_LIMIT}"
    ).fetchall()
    staged.issues = [
        Issue(severity, file_name, staged.sheet, row, col, value, code,
              {"accepted": accepted_values(enum)} if enum else {})
        for row, col, value, code, severity, enum in rows
    ]
    staged.issues_omitted = total - len(rows)
    return staged
