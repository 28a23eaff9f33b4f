"""Targets per indicator, metric and year, for "target vs actual" (issue 4, DOMAIN 6.1 E18).

The cookbook asks that indicators follow the cluster's goals; a target is the number the
cluster set itself for one metric of one indicator in one year. Every change is audited.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import duckdb

from data import audit
from data.store import write_transaction
from i18n.errors import LocalisedError
from indicators.analytics_query import fetch
from indicators.record import Result
from indicators.registry import Registry

YEAR_MIN, YEAR_MAX = 1900, 2100


class TargetError(LocalisedError):
    """A target that cannot be stored: unknown indicator code, bad year, metric or value."""


def _validated(
    registry: Registry, code: str, metric: str, year: int, value: float
) -> tuple[str, str, int]:
    code, metric = code.strip(), metric.strip()
    if code not in registry:
        raise TargetError("analytics.target.unknown_code", code=code)
    if not metric:
        raise TargetError("analytics.target.no_metric")
    indicator = registry[code]
    if indicator.metric(metric) is None:
        raise TargetError(
            "analytics.target.unknown_metric",
            code=code,
            metric=metric,
            accepted=", ".join(m.name for m in indicator.specs),
        )
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise TargetError("analytics.target.bad_year", year=year, first=YEAR_MIN, last=YEAR_MAX)
    if isinstance(value, bool) or not math.isfinite(value):
        raise TargetError("analytics.target.bad_value", value=value)
    return code, metric, year


def set_target(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    code: str,
    metric: str,
    year: int,
    value: float,
    user: str | None,
) -> None:
    """Store (or replace) the target of ``code``/``metric`` for ``year`` and audit it; the
    code and metric must be in ``registry``."""
    code, metric, year = _validated(registry, code, metric, year, value)
    with write_transaction(con) as cur:  # a target never changes without its audit entry
        cur.execute(
            "INSERT OR REPLACE INTO target (cluster_id, code, metric, year, value, set_by,"
            " set_at) VALUES (?, ?, ?, ?, ?, ?, current_timestamp)",
            [cluster_id, code, metric, year, float(value), user],
        )
        audit.record(
            cur,
            "target_set",
            f"{code} {metric} {year} = {float(value):g}",
            user=user,
            cluster_id=cluster_id,
            fields={"code": code, "metric": metric, "year": year, "value": float(value)},
        )


def remove_target(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str,
    code: str,
    metric: str,
    year: int,
    user: str | None,
) -> bool:
    """Delete a target and audit it; False (and no audit entry) when there was none."""
    code, metric = code.strip(), metric.strip()
    with write_transaction(con) as cur:  # a target never changes without its audit entry
        removed = cur.execute(
            "DELETE FROM target WHERE cluster_id = ? AND code = ? AND metric = ? AND year = ? "
            "RETURNING value",
            [cluster_id, code, metric, year],
        ).fetchall()
        if removed:
            audit.record(
                cur,
                "target_remove",
                f"{code} {metric} {year}",
                user=user,
                cluster_id=cluster_id,
                fields={"code": code, "metric": metric, "year": year},
            )
    return bool(removed)


def list_targets(con: duckdb.DuckDBPyConnection, cluster_id: str) -> list[dict[str, Any]]:
    """Targets of the cluster, ``{code, metric, year, value, set_by, set_at}``, sorted by key."""
    return fetch(
        con,
        """
        SELECT code, metric, year, value, set_by, set_at FROM target
        WHERE cluster_id = $cluster_id ORDER BY code, metric, year
    """,
        {"cluster_id": cluster_id},
    )


def with_targets(
    results: Iterable[Result], targets: Iterable[dict[str, Any]]
) -> list[tuple[Result, float | None]]:
    """Pair each result with the target of its code, metric and year (None when unset)."""
    by_key = {(row["code"], row["metric"], row["year"]): row["value"] for row in targets}
    return [(result, by_key.get((result.code, result.metric, result.year))) for result in results]
