"""What the exports contain, as plain rows: indicator results with targets and caveats,
definitions, the imports behind the numbers and the publishable success stories.

The workbook, the board workbook and the HTML report all read these rows, so every export
shows the same numbers as ``klusterimittari indicators --format json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from data import audit
from data.store import write_transaction
from i18n import t
from indicators import present
from indicators.breakdowns import success_stories
from indicators.compute import compute
from indicators.model import Indicator
from indicators.registry import Registry
from indicators.targets import list_targets, with_targets

Row = dict[str, Any]
BOARD_ROLE = "board"  # exports leave the product: they show what the board may see


def recipient_label(recipient: str, lang: str) -> str:
    return present.label("export.recipient", recipient, lang)


def indicator_rows(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    year: int | None,
    lang: str,
) -> list[Row]:
    """Every result record of ``indicators.compute`` with its target, caveat and labels."""
    results = compute(con, registry, cluster_id, year)
    rows = []
    for result, target in with_targets(results, list_targets(con, cluster_id)):
        entry = registry.get(result.code)
        row = present.record(result, lang) | {
            "name": present.result_name(result, lang),
            "recipient_label": recipient_label(result.recipient, lang),
            "metric_label": present.metric_label(entry, result.metric, lang),
            "unit_label": present.label("export.unit", result.unit, lang),
            "suppressed_label": t(
                "export.suppressed_marker" if result.suppressed else "export.no", lang
            ),
            "target": target,
            "caveat": entry.caveat.text(lang) if entry else None,
        }
        rows.append(row)
    return rows


def definition_rows(registry: Registry, lang: str) -> list[Row]:
    """Each indicator's definition, inputs and caveat from the registry."""
    return [_definition(entry, lang) for entry in registry.values()]


def _definition(entry: Indicator, lang: str) -> Row:
    metrics = "; ".join(m.label.text(lang) for m in entry.specs)
    return {
        "code": entry.code,
        "name": entry.name.text(lang),
        "recipient_label": recipient_label(entry.recipient, lang),
        "data_class": entry.data_class,
        "definition": entry.description.text(lang),
        "metrics": metrics,
        "inputs": ", ".join(present.label("indicators.kind", k, lang) for k in entry.inputs),
        "caveat": entry.caveat.text(lang),
    }


def source_rows(con: duckdb.DuckDBPyConnection, cluster_id: str, lang: str) -> list[Row]:
    """The loaded (not undone) imports of the cluster, oldest first, their kinds named in
    ``lang``; no user names."""
    cur = con.cursor()
    try:
        cur.execute(
            """
            SELECT file_name, kinds, sha256, rows_read, rows_loaded, rows_rejected, imported_at
            FROM import_log
            WHERE cluster_id = ? AND status = 'loaded' AND undone_at IS NULL
            ORDER BY imported_at, import_id
        """,
            [cluster_id],
        )
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        cur.close()
    for row in rows:
        kinds = (row["kinds"] or "").split(",")
        row["kinds"] = ", ".join(t(f"data.kind.{kind}", lang) for kind in kinds if kind)
    return rows


def year_span(records: list[Row], year: int | None) -> tuple[int, int]:
    """The year range the export covers: ``year`` alone, else the years of the records
    (the current year when there are none)."""
    if year is not None:
        return (year, year)
    years = [r["year"] for r in records if r.get("year") is not None] or [dt.date.today().year]
    return (min(years), max(years))


def story_rows(
    con: duckdb.DuckDBPyConnection, cluster_id: str, years: tuple[int, int], lang: str
) -> list[Row]:
    """Success stories with consent to publish, newest first, with labels for their codes."""
    rows = success_stories(con, cluster_id, years, role=BOARD_ROLE)
    for row in rows:
        row["type_label"] = present.label("export.outcome_type", row["outcome_type"], lang)
        attribution = row["attribution"]
        row["attribution_label"] = (
            present.label("export.attribution", attribution, lang) if attribution else None
        )
        row["organisations_text"] = "; ".join(row["organisations"])
        row["country"] = present.country_name(row["country"], lang) if row.get("country") else None
    return rows


def record_export(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str,
    user: str | None,
    detail: str,
    fields: dict[str, object],
) -> None:
    """The audit entry every export leaves (who took which data out, when): ``fields`` name
    the ``document`` and what it covers."""
    with write_transaction(con) as cur:
        audit.record(cur, "export", detail, user=user, cluster_id=cluster_id, fields=fields)
