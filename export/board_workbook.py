"""The board report as a workbook with native Excel charts (issue 6 item 2, DOMAIN 6.4).

One sheet per board chart: the data table (so every plotted number can be read and checked)
with the chart and its caveat beside it. Charts are xlsxwriter charts that Excel and
LibreOffice draw themselves; suppressed survey figures stay empty cells with a marker.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import duckdb
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from export.board_data import ENGAGEMENT_LEVELS, BoardData, Years, board_data
from export.content import record_export
from export.styles import Styles
from export.tables import Column, Row, sheet_name, write_table
from export.workbook import STORY_COLUMNS
from i18n import t
from indicators.breakdowns import GROUP_ORDER

CHART_SIZE = {"x_scale": 1.5, "y_scale": 1.3}


def board_workbook(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str,
    year_range: Years,
    lang: str = "fi",
    *,
    user: str | None = None,
) -> bytes:
    """The board workbook for the inclusive ``year_range`` as .xlsx bytes (audited)."""
    data = board_data(con, cluster_id, year_range, lang)
    book = workbook_from(data)
    record_export(
        con,
        cluster_id,
        user,
        f"board workbook {lang} {data.years[0]}-{data.years[1]}",
        {"document": "board_workbook", "lang": lang, "first": data.years[0], "last": data.years[1]},
    )
    return book


def workbook_from(data: BoardData) -> bytes:
    """The board workbook of already gathered board data."""
    lang = data.lang
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = Styles(book, lang)
    _summary(book, styles, data)
    _funding(book, styles, data)
    _engagement(book, styles, data)
    _tiers(book, styles, data)
    _participation(book, styles, data)
    _survey(book, styles, data)
    write_table(book, styles, sheet_name("export.sheet.stories", lang), STORY_COLUMNS, data.stories)
    book.close()
    return buffer.getvalue()


def _summary(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    lang = data.lang
    sheet = book.add_worksheet(sheet_name("board.sheet.summary", lang))
    sheet.set_column(0, 0, 110, styles.wrap)
    sheet.write_string(0, 0, t("board.title", lang), styles.title)
    sheet.write_string(1, 0, data.cluster_name)
    sheet.write_string(2, 0, t("board.period", lang, first=data.years[0], last=data.years[1]))
    sheet.write_string(3, 0, t("board.created", lang), styles.text)
    sheet.write_datetime(4, 0, _midnight(data.created), styles.get("date"))
    sheet.write_string(6, 0, t("board.caveats_title", lang), styles.header)
    for row, key in enumerate(("attribution", "multi_year", "survey_n", "context"), start=7):
        sheet.write_string(row, 0, t(f"board.caveat.{key}", lang))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _chart_beside(
    book: xlsxwriter.Workbook,
    sheet: Worksheet,
    styles: Styles,
    col: int,
    chart_type: str,
    subtype: str | None,
    title: str,
    caveat: str,
    series: Sequence[dict],
    y_format: str | None = None,
) -> None:
    """A native chart with its title and caveat to the right of a table."""
    chart = book.add_chart({"type": chart_type, **({"subtype": subtype} if subtype else {})})
    for spec in series:
        chart.add_series(spec)
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    if y_format:
        chart.set_y_axis({"num_format": y_format, "major_gridlines": {"visible": True}})
    sheet.set_column(col, col, 90, styles.wrap)
    sheet.write_string(0, col, caveat, styles.wrap)
    sheet.insert_chart(2, col, chart, CHART_SIZE)


def _funding(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    """Paid and committed euros per year and payer group: one table row per year and status."""
    lang = data.lang
    status_keys = ("paid_eur", "committed_eur")
    status_label = {
        "paid_eur": t("analytics.funding.paid", lang),
        "committed_eur": t("analytics.funding.committed", lang),
    }
    cells: dict[tuple[int, str], Row] = {}
    for row in data.funding:
        for status in status_keys:
            cells.setdefault(
                (row["year"], status),
                {
                    "category": f"{row['year']} {status_label[status]}",
                    "year": row["year"],
                    "status": status_label[status],
                    "total": 0.0,
                },
            )
            cells[(row["year"], status)][row["funding_group"]] = row[status]
            cells[(row["year"], status)]["total"] += row[status] or 0.0
    rows = [cells[key] for key in sorted(cells, key=lambda k: (k[0], status_keys.index(k[1])))]
    columns = [
        Column("category", "board.col.category", width=18),
        Column("year", "export.col.year", width=8),
        Column("status", "board.col.status", width=12),
    ]
    columns += [
        Column(group, f"analytics.funding_group.{group}", "money", 16) for group in GROUP_ORDER
    ]
    columns.append(Column("total", "board.col.total", "money", 16))
    name = sheet_name("board.sheet.funding", lang)
    sheet = write_table(book, styles, name, columns, rows)
    last = len(rows)
    series = [
        {
            "name": [name, 0, 3 + i],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, 3 + i, last, 3 + i],
        }
        for i in range(len(GROUP_ORDER))
    ]
    _chart_beside(
        book,
        sheet,
        styles,
        len(columns) + 1,
        "column",
        "stacked",
        t("board.chart.funding", lang),
        t("board.caveat.funding", lang),
        series,
        styles.get("money").num_format,
    )


def _engagement(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    lang = data.lang
    columns = [
        Column("year", "export.col.year", width=8),
        Column("members", "board.col.members", "int", 12),
    ]
    columns += [Column(level, f"board.level.{level}", "int", 14) for level in ENGAGEMENT_LEVELS]
    name = sheet_name("board.sheet.members", lang)
    sheet = write_table(book, styles, name, columns, data.engagement)
    last = len(data.engagement)
    series = [
        {
            "name": [name, 0, 2 + i],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, 2 + i, last, 2 + i],
        }
        for i in range(len(ENGAGEMENT_LEVELS))
    ]
    _chart_beside(
        book,
        sheet,
        styles,
        len(columns) + 1,
        "column",
        "stacked",
        t("board.chart.engagement", lang),
        t("board.caveat.engagement", lang),
        series,
    )


def _tiers(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    """Members by tier and engagement level on 31.12. of the last year (DOMAIN 6.4, W6)."""
    lang = data.lang
    columns = [Column("tier", "board.col.tier", width=18)]
    columns += [Column(level, f"board.level.{level}", "int", 14) for level in ENGAGEMENT_LEVELS]
    name = sheet_name("board.sheet.tiers", lang)
    sheet = write_table(book, styles, name, columns, data.tiers)
    last = max(len(data.tiers), 1)
    series = [
        {
            "name": [name, 0, 1 + i],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, 1 + i, last, 1 + i],
        }
        for i in range(len(ENGAGEMENT_LEVELS))
    ]
    _chart_beside(
        book,
        sheet,
        styles,
        len(columns) + 1,
        "bar",
        "stacked",
        t("board.chart.tiers", lang, year=data.years[1]),
        t("board.caveat.engagement", lang),
        series,
    )


def _participation(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    lang = data.lang
    columns = [
        Column("year", "export.col.year", width=8),
        Column("events", "board.col.events", "int", 12),
        Column("person_participations", "board.col.person_participations", "int", 18),
        Column("participating_orgs", "board.col.participating_orgs", "int", 18),
    ]
    name = sheet_name("board.sheet.participation", lang)
    sheet = write_table(book, styles, name, columns, data.participation)
    last = len(data.participation)
    series = [
        {
            "name": [name, 0, col],
            "categories": [name, 1, 0, last, 0],
            "values": [name, 1, col, last, col],
            "marker": {"type": marker},
            "data_labels": {"value": True, "position": "above"},
        }
        for col, marker in ((2, "circle"), (3, "square"))
    ]
    _chart_beside(
        book,
        sheet,
        styles,
        len(columns) + 1,
        "line",
        None,
        t("board.chart.participation", lang),
        t("board.caveat.participation", lang),
        series,
    )


def _survey(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    """Survey items per year with n; the response rate of each year in the first rows."""
    lang = data.lang
    rate_of = {r["year"]: r for r in data.response_rates}
    rows = [
        {
            **row,
            "response_rate": rate_of.get(row["year"], {}).get("response_rate"),
            "marker": t("export.suppressed_marker", lang) if row["suppressed"] else None,
        }
        for row in data.survey
    ]
    columns = [
        Column("year", "export.col.year", width=8),
        Column("item", "board.col.item", width=8),
        Column("text", "board.col.question", "wrap", 44),
        Column("mean", "board.col.mean", "number", 11),
        Column("agree_share", "board.col.agree_share", "share", 12),
        Column("n", "export.col.n", "int", 7),
        Column("response_rate", "board.col.response_rate", "share", 13),
        Column("marker", "export.col.suppressed", width=11),
    ]
    name = sheet_name("board.sheet.survey", lang)
    sheet = write_table(
        book,
        styles,
        name,
        columns,
        rows,
        suppressed=lambda row, key: row["suppressed"] and key in ("mean", "agree_share"),
    )
    if not rows:
        sheet.write_string(1, 0, t("board.no_survey", lang), styles.text)
        return
    latest = max(row["year"] for row in rows)
    first = next(i for i, row in enumerate(rows, start=1) if row["year"] == latest)
    last = len(rows)
    series = [
        {
            "name": [name, 0, 4],
            "categories": [name, first, 1, last, 1],
            "values": [name, first, 4, last, 4],
            "data_labels": {"value": True},
        }
    ]
    _chart_beside(
        book,
        sheet,
        styles,
        len(columns) + 1,
        "bar",
        None,
        t("board.chart.survey", lang, year=latest),
        t("board.caveat.survey_n", lang),
        series,
        styles.get("share").num_format,
    )
