"""Typed staging of one sheet: every value parsed in DuckDB SQL, every problem an issue (SPEC 2).

``stage`` turns the reader's Arrow table (``__row`` plus text columns ``c0..cN``) into a
temporary table holding, per used column ``x``: ``r_x`` (the cleaned cell text), ``x`` (the
typed value) and ``e_x`` (an error code or NULL), plus ``__bad``. Each cell is cleaned, keyed
(or its number, date or Y-tunnus form found) and typed once, in nested projections; the error
code is read off the typed value, never by parsing the text again. ``collect`` turns the error
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
from data.report import ERROR, Issue
from data.sqlfunc import enum_case_key, sql_name, sql_str
from data.survey_catalogue import BY_CODE

ISSUE_LIMIT = 1000  # issues listed per sheet; the rest are only counted
MAX_AMOUNT = 10**15  # numbers must fit DECIMAL(18,2)

_SQL_TYPE = {
    TEXT: "VARCHAR",
    INT: "INTEGER",
    NUMBER: "DOUBLE",
    DATE: "DATE",
    BOOL: "BOOLEAN",
    BUSINESS_ID: "VARCHAR",
    ENUM: "VARCHAR",
    LIST: "VARCHAR[]",
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
    notes: list[tuple[int, str]] = field(default_factory=list)  # (row, text) left out
    cut_at: tuple[int | None, str | None] = (None, None)  # (row, title) of a later table


def _literal(column: Column, value: object) -> str:
    sql_type = _SQL_TYPE[column.type]
    if value is None:
        return f"CAST(NULL AS {sql_type})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return f"CAST({sql_str(value)} AS {sql_type})"


# The one parse of a cleaned cell text each type starts from (a key, a number, a date, a
# Y-tunnus form), computed once per cell in its own projection; TEXT and LIST need none.
_PREPARED = {
    NUMBER: "km_num({})",
    INT: "km_num({})",
    DATE: "km_date_of({})",
    BOOL: "km_ckey({})",
    BUSINESS_ID: "km_bid_text({})",
    ENUM: "km_ckey({})",
}


def _typed(column: Column, raw: str, prepared: str) -> str:
    """SQL turning cleaned cell text ``raw``, already parsed once into ``prepared`` (see
    ``_PREPARED``), into the column's type."""
    kind = column.type
    if kind == NUMBER:
        return prepared
    if kind == INT:
        return f"km_int_of({prepared})"
    if kind == DATE:
        return f"km_date_in({prepared})"
    if kind == BOOL:
        return f"km_bool_of({prepared})"
    if kind == BUSINESS_ID:
        return f"km_bid_of({prepared})"
    if kind == ENUM:
        default = _literal(column, column.default)
        return (
            f"CASE WHEN {prepared} IS NULL THEN {default} "
            f"ELSE {enum_case_key(column.enum, prepared)} END"
        )
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
        whens.append(
            f"WHEN len(list_filter({typed}, lambda x: km_looks_bid(x) "
            "AND km_bid(x) IS NULL)) > 0 THEN 'bad_business_id_in_list'"
        )
    if column.type == NUMBER:
        whens.append(f"WHEN abs({typed}) >= {MAX_AMOUNT} THEN 'out_of_range'")
    low, high = column.bounds
    if low is not None:
        whens.append(f"WHEN {typed} < {low} THEN 'out_of_range'")
    if high is not None:
        whens.append(f"WHEN {typed} > {high} THEN 'out_of_range'")
    return f"CASE {' '.join(whens)} END" if whens else "CAST(NULL AS VARCHAR)"


def _item_typed(code: str, raw: str, key: str, typed: str) -> tuple[str, str]:
    """(typed SQL, error SQL) for a survey item column: the typed value from the answer's
    ``key`` (``km_ckey`` of ``raw``), the error from the column ``typed`` holding it."""
    scale = BY_CODE[code].scale
    if scale == "text":
        return raw, "CAST(NULL AS VARCHAR)"
    func, err = (
        ("km_likert_key", "bad_likert") if scale == "likert5" else ("km_yesno_key", "bad_yesno")
    )
    return (
        f"{func}({key})",
        f"CASE WHEN NOT km_no_answer_key({key}) AND {typed} IS NULL THEN '{err}' END",
    )


# A lone line below the data that is a note, not a record (SPEC 2.1): a source, a print date.
NOTE_PATTERN = (
    r"^((lähde|lähteet|tietolähde|source|sources|data source|huom|huomautus|note|notes|"
    r"selite|selitteet)\s*:|(tulostettu|printed|päivitetty|updated|tiedot haettu|haettu|"
    r"retrieved|report generated|raportti luotu|luotu|generated|exported|viety)\b|\*|©|\(c\))"
)
# A lone numbered title after a blank line starts another table of the same sheet
# (Teams: ``3. In-Meeting activities``); the data ends above it.
SECTION_PATTERN = r"^\d+\.\s+\S"
_SUM_LIMIT = 500  # filled cells are summed up to this many columns, counted in a list beyond


def _marks(cur: duckdb.DuckDBPyConnection, raw: str, table: pa.Table, header_row: int, out: str):
    """Temp table ``out(__row, __only, __note)`` of the lone lines below the header of the
    registered raw table ``raw`` (rows with one filled cell, ``__only`` its text), ``__note``
    telling a note (a note line, or a lone line in a block below the data after a blank line);
    returns (how many lone lines, the row of the first numbered section title after a blank
    line or None). Only the row number, the count of filled cells and a lone cell's text go
    through the window functions: the sheet's cells stay out of them (a sheet of 16,384
    columns would exceed DuckDB's tuple width, and copying every cell through three windows
    cost more than typing them)."""
    cells = [sql_name(name) for name in table.column_names if name != "__row"]
    # One list, not a sum of 16,384 terms (DuckDB refuses expressions deeper than 1,000).
    filled = (
        " + ".join(f"({cell} IS NOT NULL)::INTEGER" for cell in cells)
        if len(cells) <= _SUM_LIMIT
        else f"len(list_filter([{', '.join(cells)}], lambda x: x IS NOT NULL))"
    )
    only = f"trim(coalesce({', '.join(cells) or 'NULL'}))"
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        SELECT __row, __only,
               coalesce(regexp_matches(lower(__only), {sql_str(NOTE_PATTERN)})
                   OR (__row > __last_full AND __row - __last_full > __rn - __rn_full), false)
                   AS __note,
               __section
        FROM (
            SELECT *, max(__row) FILTER (WHERE __cells >= 2) OVER () AS __last_full,
                   max(__rn) FILTER (WHERE __cells >= 2) OVER () AS __rn_full,
                   min(__row) FILTER (WHERE __cells = 1 AND __step > 1
                       AND regexp_matches(__only, {sql_str(SECTION_PATTERN)})) OVER () AS __section
            FROM (
                SELECT *, __row - lag(__row) OVER (ORDER BY __row) AS __step,
                       row_number() OVER (ORDER BY __row) AS __rn
                FROM (
                    SELECT __row, {filled} AS __cells,
                           CASE WHEN {filled} = 1 THEN {only} END AS __only
                    FROM {raw} WHERE __row > {header_row})))
        WHERE __cells = 1""")
    return cur.execute(f"SELECT count(*), min(__section) FROM {out}").fetchone()


def stage(
    cur: duckdb.DuckDBPyConnection,
    table: pa.Table,
    layout: SheetLayout,
    *,
    sheet: str,
    name: str,
    overrides: dict[str, object] | None = None,
) -> Staged:
    """Create temp table ``name`` with the sheet's typed rows (see module doc).

    ``overrides`` fill a column where the sheet has no value (``--event-title`` ...);
    ``layout.context`` does the same with text from above the header, typed like a cell.
    Notes below the data and other tables further down the sheet are left out
    (``Staged.notes``, ``Staged.cut_at``).
    """
    kind = KINDS[layout.kind]
    overrides = overrides or {}
    raw_name = f"{name}_raw"
    cur.register(raw_name, table)
    sources = {col: sql_name(src) for col, src in layout.columns.items()}
    sources.update({col: sql_str(value) for col, value in layout.context.items()})
    cleaned = [f"km_clean({src}) AS {sql_name('r_' + col)}" for col, src in sources.items()]
    used = [f"{sql_name('r_' + col)} IS NOT NULL" for col in layout.columns]
    prepared: dict[str, str] = {}  # k_x -> the one parse of each cell (see _PREPARED)
    typed: list[str] = []
    errors: list[str] = []
    for column in kind.columns:
        target = sql_name(column.name)
        if column.name in sources:
            raw, key = sql_name("r_" + column.name), sql_name("k_" + column.name)
            if column.type in _PREPARED:
                prepared[key] = _PREPARED[column.type].format(raw)
            expr = _typed(column, raw, key)
            if column.name in overrides:
                expr = f"coalesce({expr}, {_literal(column, overrides[column.name])})"
            typed.append(f"{expr} AS {target}")
            errors.append(f"{_error(column, raw, target)} AS {sql_name('e_' + column.name)}")
        else:
            value = overrides.get(column.name, column.default)
            if column.type == BOOL and value is None:
                value = False
            typed.append(f"{_literal(column, value)} AS {target}")
    for code in layout.items:
        raw, key, target = sql_name("r_" + code), sql_name("k_" + code), sql_name("item_" + code)
        item_typed, item_error = _item_typed(code, raw, key, target)
        if item_typed != raw:
            prepared[key] = f"km_ckey({raw})"
        typed.append(f"{item_typed} AS {target}")
        errors.append(f"{item_error} AS {sql_name('e_' + code)}")
    raw_cols = ", ".join(sql_name("r_" + col) for col in sources)
    keys = "".join(f", {key}" for key in prepared)
    key_exprs = "".join(f", {expr} AS {key}" for key, expr in prepared.items())
    without_keys = f"EXCLUDE ({keys[2:]})" if prepared else ""
    # The first column decides totals rows; usually it is a used column, already cleaned.
    first = next(
        (sql_name("r_" + col) for col, src in layout.columns.items() if src == layout.first_column),
        None,
    )
    first_cleaned = "" if first else f", km_clean({sql_name(layout.first_column)}) AS __first"
    raw_table, marks_table = sql_name(raw_name), sql_name(f"{name}_marks")
    lone, section = _marks(cur, raw_table, table, layout.header_row, marks_table)
    # Most sheets have no lone line below the header: then no row needs the join.
    joined = raw_table + (f" LEFT JOIN {marks_table} USING (__row)" if lone else "")
    marks = "__note, __cut"
    line_marks = (
        f"coalesce(__note, false) AS __note, "
        f"{'false' if section is None else f'__row >= {section}'} AS __cut"
        if lone
        else "false AS __note, false AS __cut"
    )
    # Clean, then parse once (k_x), then type, then read errors off the types. Rows keep the
    # sheet's order without a sort: DuckDB preserves insertion order.
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {sql_name(name)} AS
        SELECT * {without_keys}, {", ".join(errors) or "NULL AS __none"}, false AS __bad FROM (
            SELECT __row, {raw_cols}, {marks}{keys}, {", ".join(typed)} FROM (
                SELECT __row, {raw_cols}, {marks}{key_exprs} FROM (
                    SELECT CAST(__row AS INTEGER) AS __row, {", ".join(cleaned)}{first_cleaned},
                           {line_marks}
                    FROM {joined} WHERE __row > {layout.header_row}
                ) WHERE ({" OR ".join(used)})
                    AND NOT coalesce(km_totals({first or "__first"}), false)))
    """)
    cur.unregister(raw_name)
    staged = Staged(sheet=sheet, kind=layout.kind, layout=layout, table=name)
    if lone:
        staged.notes = cur.execute(
            f"SELECT s.__row, m.__only FROM {sql_name(name)} s JOIN {marks_table} m "
            "USING (__row) WHERE s.__note AND NOT s.__cut ORDER BY s.__row"
        ).fetchall()
        if section is not None:
            staged.cut_at = cur.execute(
                f"SELECT __row, __only FROM {marks_table} WHERE __row = {section}"
            ).fetchone()
        cur.execute(f"DELETE FROM {sql_name(name)} WHERE __note OR __cut")
    cur.execute(f"DROP TABLE {marks_table}")
    return staged


def _issue_selects(staged: Staged) -> list[str]:
    """One SELECT per error column and per row check, all of the same shape."""
    layout, table = staged.layout, sql_name(staged.table)
    kind = KINDS[staged.kind]
    selects = []
    present = layout.columns.keys() | layout.context.keys()
    for col in [*(c.name for c in kind.columns if c.name in present), *layout.items]:
        enum = kind.column(col).enum if col not in layout.items else None
        selects.append(
            f"SELECT __row AS row_no, {sql_str(layout.headers[col])} AS col, "
            f"{sql_name('r_' + col)} AS value, {sql_name('e_' + col)} AS code, "
            f"'{ERROR}' AS severity, "
            f"{sql_str(enum) if enum else 'NULL'} AS enum FROM {table} "
            f"WHERE {sql_name('e_' + col)} IS NOT NULL"
        )
    for check in kind.row_checks:
        header = sql_str(layout.headers[check.column]) if check.column in present else "NULL"
        value = sql_name("r_" + check.column) if check.column in present else "NULL"
        selects.append(
            f"SELECT __row, {header}, {value}, '{check.code}', '{check.severity}', NULL "
            f"FROM {table} WHERE coalesce({check.condition}, false)"
        )
    return selects


def accepted_values(enum: str) -> str:
    """The accepted values of an enumeration, for messages in either language:
    ``jäsen (member), seuraaja (follower), ...``."""
    return ", ".join(f"{names[0]} ({code})" for code, names in ENUMS[enum].items())


def collect(
    cur: duckdb.DuckDBPyConnection, staged: Staged, file_name: str, extra: list[str] | None = None
) -> Staged:
    """Gather the sheet's issues, mark rows with errors as bad and count them.

    ``extra`` are further SELECTs of the same shape (row, column, value, code, severity, enum)
    that the importer adds after looking at the database.
    """
    issues_table = sql_name(staged.table + "_issues")
    selects = _issue_selects(staged) + list(extra or [])
    union = (
        " UNION ALL ".join(selects)
        if selects
        else (
            "SELECT NULL::INTEGER, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, "
            "NULL::VARCHAR WHERE false"
        )
    )
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {issues_table} AS {union}")
    cur.execute(
        f"UPDATE {sql_name(staged.table)} SET __bad = true WHERE __row IN "
        f"(SELECT row_no FROM {issues_table} WHERE severity = '{ERROR}')"
    )
    staged.rows_read, staged.rows_rejected = cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE __bad) FROM {sql_name(staged.table)}"
    ).fetchone()
    total = cur.execute(f"SELECT count(*) FROM {issues_table}").fetchone()[0]
    rows = cur.execute(
        f"SELECT * FROM {issues_table} ORDER BY severity, row_no, col LIMIT {ISSUE_LIMIT}"
    ).fetchall()
    staged.issues = [
        Issue(
            severity,
            file_name,
            staged.sheet,
            row,
            col,
            value,
            code,
            {"accepted": accepted_values(enum)} if enum else {},
        )
        for row, col, value, code, severity, enum in rows
    ]
    staged.issues_omitted = total - len(rows)
    return staged
