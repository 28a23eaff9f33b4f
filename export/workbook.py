"""The indicator workbook (issue 6, SPEC 4 ``export``): every indicator result, by recipient,
with definitions, the imports behind the numbers and the publishable success stories.

No personal data leaves: the sheets hold computed indicator values, import file names and
hashes, and only the success stories whose owners consented to publication.
"""

from __future__ import annotations

import io
from typing import Any

import duckdb
import xlsxwriter
from xlsxwriter.format import Format

from export import content
from export.styles import Styles
from export.tables import Column, Row, mark_suppressed, sheet_name, write_table
from i18n import t
from indicators.record import RECIPIENTS
from indicators.registry import Registry


def _unit_format(row: Row, styles: Styles) -> Format:
    return styles.for_unit(row.get("unit"), row.get("value"))


def _target_format(row: Row, styles: Styles) -> Format:
    return styles.for_unit(row.get("unit"), row.get("target"))


INDICATOR_COLUMNS = (
    Column("code", "export.col.code", width=9),
    Column("recipient_label", "export.col.recipient", width=20),
    Column("name", "export.col.name", "wrap", 40),
    Column("year", "export.col.year", width=8),
    Column("metric_label", "export.col.metric_label", "wrap", 36),
    Column("value", "export.col.value", width=14, pick=_unit_format),
    Column("unit_label", "export.col.unit", width=10),
    Column("n", "export.col.n", "int", 8),
    Column("suppressed_label", "export.col.suppressed", width=12),
    Column("data_class", "export.col.data_class", width=10),
    Column("target", "export.col.target", width=14, pick=_target_format),
    Column("caveat", "export.col.caveat", "wrap", 50),
    Column("note", "export.col.note", "wrap", 40),
    Column("metric", "export.col.metric", width=24),  # the key of the CLI's JSON records
)
DEFINITION_COLUMNS = (
    Column("code", "export.col.code", width=9),
    Column("recipient_label", "export.col.recipient", width=20),
    Column("name", "export.col.name", "wrap", 36),
    Column("data_class", "export.col.data_class", width=10),
    Column("definition", "export.col.definition", "wrap", 60),
    Column("metrics", "export.col.metrics", "wrap", 60),
    Column("inputs", "export.col.inputs", "wrap", 30),
    Column("caveat", "export.col.caveat", "wrap", 50),
)
SOURCE_COLUMNS = (
    Column("file_name", "export.col.file", width=34),
    Column("kinds", "export.col.kinds", width=18),
    Column("sha256", "export.col.sha256", width=66),
    Column("rows_read", "export.col.rows_read", "int", 10),
    Column("rows_loaded", "export.col.rows_loaded", "int", 10),
    Column("rows_rejected", "export.col.rows_rejected", "int", 10),
    Column("imported_at", "export.col.imported_at", "datetime", 17),
)
STORY_COLUMNS = (
    Column("date", "export.col.date", "date", 11),
    Column("type_label", "export.col.outcome_type", width=24),
    Column("title", "export.col.title", "wrap", 40),
    Column("description", "export.col.description", "wrap", 50),
    Column("organisations_text", "export.col.organisations", "wrap", 34),
    Column("amount_eur", "export.col.amount", "money", 14),
    Column("jobs", "export.col.jobs", "int", 9),
    Column("country", "export.col.country", width=8),
    Column("attribution_label", "export.col.attribution", width=16),
    Column("evidence", "export.col.evidence", "wrap", 30),
)


def _is_suppressed(row: Row, key: str) -> bool:
    return key == "value" and bool(row.get("suppressed"))


def export_workbook(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    *,
    year: int | None = None,
    lang: str = "fi",
    user: str | None = None,
) -> bytes:
    """The indicator workbook as .xlsx bytes (every year with data, or ``year`` alone)."""
    records = content.indicator_rows(con, registry, cluster_id, year, lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = Styles(book, lang)
    write_table(
        book,
        styles,
        sheet_name("export.sheet.indicators", lang),
        INDICATOR_COLUMNS,
        records,
        suppressed=_is_suppressed,
    )
    for recipient in RECIPIENTS:
        _recipient_sheet(
            book, styles, recipient, [r for r in records if r["recipient"] == recipient]
        )
    write_table(
        book,
        styles,
        sheet_name("export.sheet.definitions", lang),
        DEFINITION_COLUMNS,
        content.definition_rows(registry, lang),
    )
    write_table(
        book,
        styles,
        sheet_name("export.sheet.sources", lang),
        SOURCE_COLUMNS,
        content.source_rows(con, cluster_id, lang),
    )
    write_table(
        book,
        styles,
        sheet_name("export.sheet.stories", lang),
        STORY_COLUMNS,
        content.story_rows(con, cluster_id, content.year_span(records, year), lang),
    )
    book.close()
    content.record_export(
        con,
        cluster_id,
        user,
        f"indicators {lang} {year or 'all'} {len(records)} rows",
        {"document": "indicators", "lang": lang, "year": year, "rows": len(records)},
    )
    return buffer.getvalue()


def _recipient_sheet(
    book: xlsxwriter.Workbook, styles: Styles, recipient: str, records: list[Row]
) -> None:
    """One row per indicator metric, one column per year (suppressed cells empty + marked)."""
    lang = styles.lang
    years = sorted({r["year"] for r in records if r["year"] is not None})
    series: dict[tuple[str, str], dict[str, Any]] = {}
    for record in records:
        entry = series.setdefault(
            (record["code"], record["metric"]),
            {
                "code": record["code"],
                "name": record["name"],
                "metric_label": record["metric_label"],
                "unit_label": record["unit_label"],
                "by_year": {},
            },
        )
        entry["by_year"][record["year"]] = record
    columns = [
        Column("code", "export.col.code", width=9),
        Column("name", "export.col.name", "wrap", 36),
        Column("metric_label", "export.col.metric_label", "wrap", 30),
        Column("unit_label", "export.col.unit", width=9),
    ]
    sheet = write_table(
        book, styles, content.recipient_label(recipient, lang)[:31], columns, list(series.values())
    )
    first_year_col = len(columns)
    for offset, year in enumerate(years):
        col = first_year_col + offset
        sheet.write_number(0, col, year, styles.header)
        sheet.set_column(col, col, 13)
        for row_no, entry in enumerate(series.values(), start=1):
            record = entry["by_year"].get(year)
            if record is None:
                continue
            if record["suppressed"]:
                mark_suppressed(sheet, styles, row_no, col)
            elif record["value"] is not None:
                sheet.write_number(
                    row_no, col, record["value"], styles.for_unit(record["unit"], record["value"])
                )
    sheet.autofilter(0, 0, max(len(series), 1), first_year_col + len(years) - 1)
    if not records:
        sheet.write_string(1, 0, t("export.no_results", lang), styles.text)
