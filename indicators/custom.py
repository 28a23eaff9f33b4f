"""Custom indicators: SQL over the schema views, defined in a TOML file, added to the registry.

The cookbook says indicators change as the cluster's goals change (CB:5990-5992); a manager
adds one without code changes. The file is ``$KLUSTERIMITTARI_INDICATORS``, else
``indicators.toml`` next to the database. Each ``[[indicator]]`` table gives::

    code = "OMA-1"                       # not a built-in code
    recipient = "cluster_org"            # region | cluster_org | rdi | companies | public_sector
    name_fi = "…"                        name_en = "…"
    unit = "count"                       # count | eur | share | ratio | score
    data_class = "ADM"                   # ADM | LOG | SRV | QUAL | EXT
    caveat_fi = "…"                      caveat_en = "…"
    metrics = ["events_per_member"]      # the metric names the query returns
    survey = false                       # true: values resting on n < 5 are suppressed
    inputs = ["events", "members"]       # optional; default: the kinds whose views the SQL reads
    sql = "SELECT year, metric, value[, n] FROM … WHERE cluster_id = $cluster_id …"

The query must be one SELECT and use ``$cluster_id``; it may use ``$first`` and ``$last`` (the
year range). Rows of metrics not listed in ``metrics`` are ignored. ``compute_custom`` runs it
on its own cursor inside a transaction that is always rolled back.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from data.store import db_file
from i18n import t
from indicators import registry
from indicators.analytics_errors import LocalisedError
from indicators.compute import DECIMALS, upload_note
from indicators.record import DATA_CLASSES, RECIPIENTS, Result
from indicators.registry import Indicator, Metric
from indicators.survey import MIN_N
from indicators.years import KIND_VIEWS, data_years, imported_kinds

ENV_VAR = "KLUSTERIMITTARI_INDICATORS"
FILE_NAME = "indicators.toml"
_REQUIRED = ("code", "recipient", "name_fi", "name_en", "unit", "data_class", "caveat_fi",
             "caveat_en", "metrics", "sql")


class CustomIndicatorError(LocalisedError):
    """A custom indicator file or query that cannot be used; the message names the indicator."""


def custom_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Where the custom indicators of this database are defined (None: nowhere to look)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    database = db_file(con)
    return database.with_name(FILE_NAME) if database else None


def register_custom(path: Path | None) -> list[Indicator]:
    """Load the file at ``path`` (if there is one) and add its indicators to the registry."""
    if path is None or not path.exists():
        return []
    return [registry.register(indicator) for indicator in load_custom(path)]


def load_custom(path: Path) -> list[Indicator]:
    """The indicators defined in the TOML file at ``path``, checked (fields, a single SELECT)."""
    try:
        with path.open("rb") as fh:
            entries = tomllib.load(fh).get("indicator", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CustomIndicatorError("analytics.custom.unreadable", path=path, error=exc) from exc
    if not isinstance(entries, list):
        raise CustomIndicatorError("analytics.custom.unreadable", path=path, error="[[indicator]]")
    indicators: list[Indicator] = []
    for index, entry in enumerate(entries, start=1):
        indicator = _indicator(index, entry)
        taken = {*registry.BUILT_IN_CODES, *(i.code for i in indicators)}
        if indicator.code in taken:
            raise CustomIndicatorError("analytics.custom.duplicate_code", code=indicator.code)
        indicators.append(indicator)
    return indicators


def _indicator(index: int, entry: dict[str, Any]) -> Indicator:
    code = str(entry.get("code") or "").strip()

    def missing(field: str) -> CustomIndicatorError:
        return CustomIndicatorError("analytics.custom.missing_field", index=index,
                                    code=code or "?", field=field)

    for name in _REQUIRED:
        if not entry.get(name):
            raise missing(name)
    choices = (("recipient", RECIPIENTS), ("data_class", DATA_CLASSES), ("unit", registry.UNITS))
    for name, accepted in choices:
        _choice(code, name, entry[name], accepted)
    metrics = entry["metrics"]
    if not isinstance(metrics, list) or not all(isinstance(m, str) and m.strip() for m in metrics):
        raise missing("metrics")
    metrics = [m.strip() for m in metrics]
    sql = check_select(code, str(entry["sql"]))
    inputs = entry.get("inputs") or _kinds_read(sql)
    for kind in inputs:
        _choice(code, "inputs", kind, tuple(KIND_VIEWS))
    if not inputs:
        raise missing("inputs")
    survey = bool(entry.get("survey", False))
    unit = entry["unit"]
    return Indicator(
        code=code, recipient=entry["recipient"], name_fi=entry["name_fi"], name_en=entry["name_en"],
        description_fi=entry.get("description_fi", entry["name_fi"]),
        description_en=entry.get("description_en", entry["name_en"]),
        data_class=entry["data_class"],
        metrics=tuple(Metric(m, unit, tuple(inputs), m, m, MIN_N if survey else None) for m in metrics),
        tables=tuple(KIND_VIEWS[kind] for kind in inputs),
        caveat_fi=entry["caveat_fi"], caveat_en=entry["caveat_en"],
        sql=_wrapped(sql, metrics, unit, survey),
    )


def _kinds_read(sql: str) -> list[str]:
    """Input kinds whose effective view the query names."""
    return [kind for kind, view in KIND_VIEWS.items() if re.search(rf"\b{view}\b", sql)]


def _choice(code: str, field: str, value: object, accepted: Sequence[str]) -> None:
    if value not in accepted:
        raise CustomIndicatorError("analytics.custom.bad_choice", code=code, field=field,
                                   value=value, accepted=", ".join(accepted))


def check_select(code: str, sql: str) -> str:
    """``sql`` without a trailing semicolon if it is exactly one SELECT using ``$cluster_id``."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise CustomIndicatorError("analytics.custom.sql_failed", code=code, error=exc) from exc
    kinds = [statement.type.name for statement in statements]
    if kinds != ["SELECT"]:
        raise CustomIndicatorError("analytics.custom.not_select", code=code,
                                   found=", ".join(kinds) or "-")
    if "$cluster_id" not in sql:
        raise CustomIndicatorError("analytics.custom.no_cluster", code=code)
    return sql.strip().rstrip(";").strip()


def _wrapped(sql: str, metrics: Sequence[str], unit: str, survey: bool) -> str:
    """The query in the registry's row shape ``year, metric, value, n, note`` for the year range.

    ``n`` is optional in the custom query: ``to_json`` of the row yields NULL for a missing key.
    Survey values without an ``n`` are never shown.
    """
    n = "(to_json(q)->>'n')::BIGINT"
    value = f"round(q.value::DOUBLE, {DECIMALS.get(unit, 0)})"
    if survey:
        value = f"CASE WHEN {n} IS NULL THEN NULL ELSE {value} END"
    names = ", ".join("'" + m.replace("'", "''") + "'" for m in metrics)
    return f"""SELECT q.year::INTEGER AS year, q.metric::VARCHAR AS metric, {value} AS value,
       {n} AS n, NULL::VARCHAR AS note
FROM (
{sql}
) q
WHERE q.year BETWEEN $first AND $last AND q.metric IN ({names})"""


def _run(con: duckdb.DuckDBPyConnection, indicator: Indicator,
         params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The indicator's rows, read on a cursor inside a transaction that is always rolled back.

    The statement is checked again here, so an ``Indicator`` built elsewhere is guarded too."""
    check_select(indicator.code, indicator.sql)
    cur = con.cursor()
    try:
        cur.begin()
        try:
            return cur.execute(indicator.sql, params).fetchall()
        except duckdb.Error as exc:
            raise CustomIndicatorError("analytics.custom.sql_failed", code=indicator.code,
                                       error=str(exc).splitlines()[0]) from exc
        finally:
            cur.rollback()
    finally:
        cur.close()


def compute_custom(con: duckdb.DuckDBPyConnection, cluster_id: str, indicators: Iterable[Indicator],
                   year: int | None = None, lang: str = "fi") -> list[Result]:
    """Result records of custom ``indicators`` for every year of the data, or ``year`` alone.

    Same rules as the built-in indicators: a metric without rows in a year is null with a note,
    a metric whose input kind was never imported is null with an "upload" note, and a survey
    metric resting on n < 5 answers is suppressed. Sorted by code, year and metric.
    """
    kinds = imported_kinds(con, cluster_id)
    years = (int(year), int(year)) if year is not None else data_years(con, cluster_id)
    results: list[Result] = []
    for indicator in indicators:
        rows = {}
        if years and kinds.issuperset(indicator.inputs):
            params = {"cluster_id": cluster_id, "first": years[0], "last": years[1]}
            rows = {(y, metric): (value, n)
                    for y, metric, value, n, _ in _run(con, indicator, params)}
        year_list: list[int | None] = list(range(years[0], years[1] + 1)) if years else [None]
        for metric in indicator.metrics:
            missing = [kind for kind in metric.inputs if kind not in kinds]
            for y in year_list:
                row = rows.get((y, metric.name))
                results.append(_result(indicator, metric, y, row, missing, lang))
    return sorted(results, key=lambda r: (r.code, r.year if r.year is not None else -1, r.metric))


def _result(indicator: Indicator, metric: Metric, year: int | None, row: tuple[Any, Any] | None,
            missing: list[str], lang: str) -> Result:
    value, n = row if row else (None, None)
    suppressed = metric.min_n is not None and (n is None or n < metric.min_n) and row is not None
    if missing:
        note = upload_note(missing, lang)
    elif suppressed:
        value, note = None, t("indicators.note.suppressed", lang)
    elif row is None or value is None:
        note = t("analytics.custom.no_data", lang, year=year if year is not None else "–")
    else:
        note = None
    if value is not None and metric.unit not in DECIMALS:
        value = int(value)
    return Result(
        code=indicator.code, metric=metric.name, year=year, value=value, unit=metric.unit,
        n=None if n is None else int(n), suppressed=suppressed, name_fi=indicator.name_fi,
        name_en=indicator.name_en, recipient=indicator.recipient, data_class=indicator.data_class,
        note=note,
    )
