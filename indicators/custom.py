"""Custom indicators: SQL over the schema views, defined in a TOML file, in the registry's shape.

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

The query must be one SELECT over the ``v_*`` views and use ``$cluster_id``; it may use
``$first`` and ``$last`` (the year range). Rows of metrics not listed in ``metrics`` are
ignored. A metric whose query gives ``n`` is suppressed below 5; with ``survey = true`` a value
without ``n`` is suppressed too. ``indicators.registry.load_registry`` puts them beside the
built-in ones, and ``indicators.compute.compute`` computes them alike, their SQL in
``indicators.sandbox`` (checked here at load and again there before it runs).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from data.sqlfunc import sql_list
from data.store import db_file
from i18n.errors import LocalisedError
from indicators import sandbox
from indicators.builtin import BUILT_IN_CODES
from indicators.model import MIN_N, UNITS, Bi, Indicator, Metric
from indicators.record import DATA_CLASSES, RECIPIENTS
from indicators.years import KIND_VIEWS

ENV_VAR = "KLUSTERIMITTARI_INDICATORS"
FILE_NAME = "indicators.toml"
_REQUIRED = (
    "code",
    "recipient",
    "name_fi",
    "name_en",
    "unit",
    "data_class",
    "caveat_fi",
    "caveat_en",
    "metrics",
    "sql",
)


class CustomIndicatorError(LocalisedError):
    """A custom indicator file or query that cannot be used; the message names the indicator."""


def custom_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Where the custom indicators of this database are defined (None: nowhere to look)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    database = db_file(con)
    return database.with_name(FILE_NAME) if database else None


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
        taken = {*BUILT_IN_CODES, *(i.code for i in indicators)}
        if indicator.code in taken:
            raise CustomIndicatorError("analytics.custom.duplicate_code", code=indicator.code)
        indicators.append(indicator)
    return indicators


def _indicator(index: int, entry: dict[str, Any]) -> Indicator:
    code = str(entry.get("code") or "").strip()

    def missing(field: str) -> CustomIndicatorError:
        return CustomIndicatorError(
            "analytics.custom.missing_field", index=index, code=code or "?", field=field
        )

    for name in _REQUIRED:
        if not entry.get(name):
            raise missing(name)
    choices = (("recipient", RECIPIENTS), ("data_class", DATA_CLASSES), ("unit", UNITS))
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
        code=code,
        recipient=entry["recipient"],
        data_class=entry["data_class"],
        name=Bi(entry["name_fi"], entry["name_en"]),
        description=Bi(
            entry.get("description_fi", entry["name_fi"]),
            entry.get("description_en", entry["name_en"]),
        ),
        caveat=Bi(entry["caveat_fi"], entry["caveat_en"]),
        metrics=tuple(
            Metric(m, unit, Bi(m, m), tuple(inputs), MIN_N, n_optional=not survey) for m in metrics
        ),
        custom_sql=_wrapped(sql, metrics),
    )


def _kinds_read(sql: str) -> list[str]:
    """Input kinds whose effective view the query names."""
    views = sandbox.views_read(sql)
    return [kind for kind, view in KIND_VIEWS.items() if view in views]


def _choice(code: str, field: str, value: object, accepted: Sequence[str]) -> None:
    if value not in accepted:
        raise CustomIndicatorError(
            "analytics.custom.bad_choice",
            code=code,
            field=field,
            value=value,
            accepted=", ".join(accepted),
        )


def check_select(code: str, sql: str) -> str:
    """``sql`` without a trailing semicolon if the sandbox accepts it (``sandbox.check``)."""
    try:
        return sandbox.check(code, sql)
    except sandbox.SandboxError as exc:
        raise CustomIndicatorError(exc.key, **exc.fields) from exc


def _wrapped(sql: str, metrics: Sequence[str]) -> str:
    """The query in the registry's row shape ``year, metric, value, n, note`` for the year range.

    ``n`` is optional in the custom query: ``to_json`` of the row yields NULL for a missing key
    (a survey value without an ``n`` is then suppressed by the computation).
    """
    return f"""SELECT q.year::INTEGER AS year, q.metric::VARCHAR AS metric,
       q.value::DOUBLE AS value,
       (to_json(q)->>'n')::BIGINT AS n, NULL::VARCHAR AS note
FROM (
{sql}
) q
WHERE q.year BETWEEN $first AND $last AND q.metric IN {sql_list(metrics)}"""
