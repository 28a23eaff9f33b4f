"""Where a custom indicator's SQL runs: a separate in-memory DuckDB holding only what it may read.

A manager writes custom SQL, the board sees its numbers, and the SQL must not become a way to
read files, the hashing key, open-text answers or settings. Two independent walls:

1. ``check`` parses the statement (sqlglot, DuckDB dialect) and accepts one query that reads
   only the ``v_*`` views (or its own CTEs) and calls no table function and none of the few
   scalar functions that reveal the session (``current_setting``, ``getvariable`` ...).
2. ``Sandbox`` runs the query in its own DuckDB instance, opened with external access off,
   Python replacement scans off and the configuration locked. It holds copies (Arrow, no disk)
   of just the views the query names, limited to one cluster, without open texts and free
   notes, with the person hashes replaced by numbers that are random for each computation (so
   ``count(DISTINCT email_hash)`` still counts people, and no hash leaves). A query that runs
   past ``TIMEOUT_S`` is interrupted.

Errors come back as ``SandboxError`` with a short first line; callers show them to the manager
only (``compute`` gives the board a neutral note).
"""

from __future__ import annotations

import secrets
import threading
from typing import Any, Self

import duckdb
import sqlglot
from sqlglot import exp

from i18n.errors import LocalisedError

# The views a custom query may read (the schema's effective views, SPEC 6).
VIEWS = (
    "v_member",
    "v_org",
    "v_event",
    "v_participation",
    "v_funding",
    "v_project",
    "v_project_partner",
    "v_outcome",
    "v_outcome_org",
    "v_survey",
    "v_survey_answer",
    "v_survey_response",
    "v_regional_stat",
)
# Free text from outsiders or notes a custom number never needs; never copied.
DROPPED_COLUMNS = {
    "v_survey_answer": ("value_text",),
    "v_outcome": ("description", "evidence"),
    "v_funding": ("note",),
}
# Person hashes: replaced by per-computation numbers.
PSEUDONYMISED_COLUMNS = {"v_participation": ("email_hash", "name_hash", "domain_hash")}
# Scalar functions that reveal the session or stall it; table functions are refused as a class.
DENIED_FUNCTIONS = frozenset(
    {
        "current_setting",
        "getvariable",
        "current_query",
        "write_log",
        "sleep_ms",
        "pg_sleep",
        "json_serialize_sql",
        "json_deserialize_sql",
        "parse_duckdb_log_message",
    }
)
TIMEOUT_S = 30.0
MEMORY_LIMIT = "500MB"
ERROR_CHARS = 200


class SandboxError(LocalisedError):
    """A custom query that was refused or failed; shown to the manager only."""


def check(code: str, sql: str) -> str:
    """``sql`` (trimmed, no trailing semicolon) if it is one query over the allowed views only."""
    text = sql.strip().rstrip(";").strip()
    try:
        statements = [s for s in sqlglot.parse(text, read="duckdb") if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        raise SandboxError("sandbox.unparsable", code=code, error=_short(exc)) from exc
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        found = ", ".join(type(s).__name__.upper() for s in statements) or "-"
        raise SandboxError("analytics.custom.not_select", code=code, found=found)
    tree = statements[0]
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        name = table.name.lower()
        plain = isinstance(table.this, exp.Identifier) and not table.db and not table.catalog
        if not plain or (name not in VIEWS and name not in ctes):
            raise SandboxError("sandbox.forbidden_source", code=code, source=_short(table.sql()))
    for function in tree.find_all(exp.Func):
        name = function.name if isinstance(function, exp.Anonymous) else function.sql_name()
        if name.lower() in DENIED_FUNCTIONS:
            raise SandboxError("sandbox.forbidden_function", code=code, function=name.lower())
    if "$cluster_id" not in text:
        raise SandboxError("analytics.custom.no_cluster", code=code)
    return text


def views_read(sql: str) -> list[str]:
    """The allowed views a checked query names, in ``VIEWS`` order."""
    names = {t.name.lower() for t in sqlglot.parse_one(sql, read="duckdb").find_all(exp.Table)}
    return [view for view in VIEWS if view in names]


def _names_used(sql: str) -> set[str] | None:
    """Every identifier of the query (a superset of the columns it reads), or None when it
    selects ``*`` and so may read every column."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    if any(True for _ in tree.find_all(exp.Star)):
        return None
    return {identifier.name.lower() for identifier in tree.find_all(exp.Identifier)}


class Sandbox:
    """One sandbox database for one computation: views are copied in on first use.

    ``source`` is the caller's read cursor (its snapshot); ``cluster_id`` limits every copy.
    Use as a context manager so the in-memory database is freed.
    """

    def __init__(self, source: duckdb.DuckDBPyConnection, cluster_id: str) -> None:
        self._source = source
        self._cluster_id = cluster_id
        self._salt = secrets.token_hex(16)
        self._loaded: dict[str, frozenset[str] | None] = {}  # view -> the columns it was handed
        self._opened: duckdb.DuckDBPyConnection | None = None

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        """The sandbox database, opened on first use (a computation without custom SQL pays
        nothing)."""
        if self._opened is None:
            self._opened = duckdb.connect(
                ":memory:",
                config={
                    "enable_external_access": False,
                    "python_enable_replacements": False,
                    "autoinstall_known_extensions": False,
                    "autoload_known_extensions": False,
                    "memory_limit": MEMORY_LIMIT,
                    "threads": 1,
                    "lock_configuration": True,
                },
            )
        return self._opened

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._opened is not None:
            self._opened.close()

    def rows(self, code: str, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of ``sql`` (checked again here) with ``params``; SandboxError otherwise."""
        check(code, sql)
        used = _names_used(sql)
        for view in views_read(sql):
            self._load(view, used)
        timer = threading.Timer(TIMEOUT_S, self._con.interrupt)
        timer.start()
        try:
            return self._con.execute(sql, params).fetchall()
        except duckdb.InterruptException as exc:
            raise SandboxError("sandbox.timeout", code=code, seconds=int(TIMEOUT_S)) from exc
        except duckdb.Error as exc:
            raise SandboxError("analytics.custom.sql_failed", code=code, error=_short(exc)) from exc
        finally:
            timer.cancel()

    def _load(self, view: str, used: set[str] | None) -> None:
        """Hand ``view``'s rows of the cluster to the sandbox (Arrow) under the same name: the
        columns a query names (all for ``*``), so large views cost little to hand over."""
        wanted = frozenset(used) if used is not None else None
        if view in self._loaded and self._loaded[view] == wanted:
            return
        columns = [
            row[0]
            for row in self._source.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [view],
            ).fetchall()
        ]
        if used is not None:
            columns = [c for c in columns if c.lower() in used or c == "cluster_id"]
        dropped = DROPPED_COLUMNS.get(view, ())
        hashed = PSEUDONYMISED_COLUMNS.get(view, ())
        select = ", ".join(
            f"CASE WHEN {c} IS NOT NULL THEN hash({c} || $salt) END AS {c}" if c in hashed else c
            for c in columns
            if c not in dropped
        )
        params = {"cluster_id": self._cluster_id, **({"salt": self._salt} if hashed else {})}
        query = f"SELECT {select} FROM {view} WHERE cluster_id = $cluster_id"
        data = self._source.sql(query, params=params).to_arrow_table()
        self._con.register(view, data)  # a view over the Arrow table: no second copy
        self._loaded[view] = wanted


def _short(error: object) -> str:
    """The first line of an error, cut to ``ERROR_CHARS``: enough to fix the query, no dumps."""
    lines = str(error).strip().splitlines()
    first = lines[0] if lines else type(error).__name__
    return first if len(first) <= ERROR_CHARS else first[: ERROR_CHARS - 1] + "…"
