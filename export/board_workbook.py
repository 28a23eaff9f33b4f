"""The board report as a workbook with native Excel charts (issue 6 item 2, DOMAIN 6.4).

The summary sheet first (the board's answer for the last year, as on the HTML report's first
page), then one sheet per board chart: the data table (so every plotted number can be read and
checked), its caveat and the chart under it. Every sheet prints on A4 landscape, one page wide,
and no chart is cut across two pages. Charts are xlsxwriter charts that Excel and
LibreOffice draw themselves; suppressed survey figures stay empty cells with a marker.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import duckdb
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from export.board_data import (
    ENGAGEMENT_LEVELS,
    BoardData,
    Years,
    board_data,
    record_board_export,
)
from export.safe import write_value
from export.styles import Styles
from export.tables import Column, Row, sheet_name, write_table
from export.workbook import STORY_COLUMNS
from i18n import format as fmt
from i18n import t
from indicators.breakdowns import GROUP_ORDER
from indicators.headline import Figure, Headline
from indicators.present import figure_text, metric_label
from indicators.registry import Registry

CHART_WIDTH, CHART_HEIGHT = 900, 380  # px: an A4 landscape page wide, at most half its height
ROWS_BEFORE_BREAK = 12  # a chart starting further down goes to a page of its own


def board_workbook(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    year_range: Years,
    lang: str = "fi",
    *,
    user: str | None = None,
) -> bytes:
    """The board workbook for the inclusive ``year_range`` as .xlsx bytes (audited)."""
    data = board_data(con, registry, cluster_id, year_range, lang)
    book = workbook_from(data)
    record_board_export(con, cluster_id, user, "board_workbook", data)
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
    stories = write_table(
        book, styles, sheet_name("export.sheet.stories", lang), STORY_COLUMNS, data.stories
    )
    _print_setup(stories)
    stories.repeat_rows(0)
    book.close()
    return buffer.getvalue()


def _summary(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    """The first sheet: the board's answer for the last year (the HTML report's first page),
    every figure by year with its n, target, status and data class; the targets of the year;
    how to read the figures. Numbers are numbers in their unit's format."""
    lang = data.lang
    sheet = book.add_worksheet(sheet_name("board.sheet.summary", lang))
    _print_setup(sheet)
    h = data.headline
    years = list(range(data.years[0], data.years[1] + 1))
    widths = [14, 40, *[13] * len(years), 7, 13, 15, 24]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.write_string(0, 0, t("board.title", lang), styles.title)
    meta = [data.cluster_name, t("board.period", lang, first=data.years[0], last=data.years[1])]
    meta.append(f"{t('board.created', lang)} {fmt.date(data.created, lang)}")
    if h is not None and h.as_of is not None:
        clock = f"{h.as_of.hour}.{h.as_of.minute:02d}" if lang == "fi" else f"{h.as_of:%H:%M}"
        meta.append(t("ui.headline.as_of", lang, date=fmt.date(h.as_of.date(), lang), time=clock))
    sheet.write_string(1, 0, " · ".join(meta))
    row = 3
    if h is not None:
        sheet.write_string(row, 0, t("ui.headline.title", lang, year=h.year), styles.title)
        sheet.write_string(row + 1, 0, t("ui.headline.intro", lang))
        row = _figure_table(sheet, styles, h, years, row + 3, lang, data.registry)
        row = _target_table(sheet, styles, h, row, lang, data.registry)
    sheet.write_string(row, 0, t("board.caveats_title", lang), styles.title)
    keys = ("attribution", "multi_year", "survey_n", "context")
    for offset, key in enumerate(keys, start=1):
        sheet.write_string(row + offset, 0, t(f"board.caveat.{key}", lang))
    sheet.print_area(0, 0, row + len(keys), len(widths) - 1)


def _figure_table(
    sheet: Worksheet,
    styles: Styles,
    h: Headline,
    years: list[int],
    row: int,
    lang: str,
    registry: Registry,
) -> int:
    """Headline figures, one row each with its values per year; returns the next free row."""
    headers = [
        t("ui.headline.section_column", lang),
        t("export.col.metric", lang),
        *[str(y) for y in years],
        "n",
        t("ui.target.label", lang),
        t("board.col.status", lang),
        t("export.col.data_class", lang),
    ]
    for col, text in enumerate(headers):
        sheet.write_string(row, col, text, styles.header)
    for section in h.sections:
        name = t(f"ui.headline.section.{section.key}", lang)
        if not section.figures:
            row += 1
            write_value(sheet, row, 0, name, styles.text)
            write_value(sheet, row, 1, t(f"ui.headline.empty.{section.key}", lang), styles.wrap)
        for f in section.figures:
            row += 1
            last = 2 + len(years)
            write_value(sheet, row, 0, name, styles.text)
            write_value(
                sheet, row, 1, metric_label(registry.get(f.code), f.metric, lang), styles.wrap
            )
            for col, year in enumerate(years, start=2):
                _figure_cell(sheet, styles, row, col, f, year, lang)
            point = f.point
            write_value(sheet, row, last, None if point is None else point.n, styles.get("int"))
            write_value(sheet, row, last + 1, f.target, styles.for_unit(f.unit, f.target))
            write_value(sheet, row, last + 2, t(f"ui.status.{f.status}", lang), styles.text)
            write_value(sheet, row, last + 3, t(f"ui.data_class.{f.data_class}", lang), styles.wrap)
    return row + 2


def _figure_cell(
    sheet: Worksheet, styles: Styles, row: int, col: int, f: Figure, year: int, lang: str
) -> None:
    """A number in its unit, or the words for why it is missing (not recorded, n < 5)."""
    point = next((p for p in f.series if p.year == year), None)
    if point is None:
        sheet.write_blank(row, col, None, styles.text)
    elif point.suppressed or not point.recorded:
        text = figure_text(
            point.value, f.unit, lang, suppressed=point.suppressed, recorded=point.recorded
        )
        write_value(sheet, row, col, text, styles.suppressed)
    else:
        write_value(sheet, row, col, point.value, styles.for_unit(f.unit, point.value))


def _target_table(
    sheet: Worksheet, styles: Styles, h: Headline, row: int, lang: str, registry: Registry
) -> int:
    """The targets of the headline year with their status; returns the next free row."""
    sheet.write_string(row, 0, t("ui.headline.targets", lang, year=h.year), styles.title)
    if not h.targets:
        sheet.write_string(row + 1, 0, t("ui.headline.no_targets", lang, year=h.year))
        return row + 3
    headers = ("export.col.code", "export.col.metric", "ui.chart.value", "ui.target.label")
    for col, key in enumerate((*headers, "board.col.status")):
        sheet.write_string(row + 1, col, t(key, lang), styles.header)
    for offset, f in enumerate(h.targets, start=2):
        write_value(sheet, row + offset, 0, f.code, styles.text)
        write_value(
            sheet, row + offset, 1, metric_label(registry.get(f.code), f.metric, lang), styles.wrap
        )
        _figure_cell(sheet, styles, row + offset, 2, f, h.year, lang)
        write_value(sheet, row + offset, 3, f.target, styles.for_unit(f.unit, f.target))
        write_value(sheet, row + offset, 4, t(f"ui.status.{f.status}", lang), styles.text)
    return row + len(h.targets) + 3


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, as long as it needs."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


def _chart_below(
    book: xlsxwriter.Workbook,
    sheet: Worksheet,
    chart_type: str,
    subtype: str | None,
    title: str,
    caveat: str,
    series: Sequence[dict],
    y_format: str | None = None,
    *,
    rows: int,
) -> None:
    """A native chart under the table (``rows`` rows), its caveat above it;
    the sheet prints on A4 landscape one page wide, and when the table leaves too little of the
    first page the chart starts a page of its own, so it is never cut in two."""
    chart = book.add_chart({"type": chart_type, **({"subtype": subtype} if subtype else {})})
    for spec in series:
        chart.add_series(spec)
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    if y_format:
        chart.set_y_axis({"num_format": y_format, "major_gridlines": {"visible": True}})
    _print_setup(sheet)
    sheet.repeat_rows(0)
    caveat_row = rows + 2
    sheet.write_string(caveat_row, 0, caveat)
    chart_row = caveat_row + 2
    if chart_row > ROWS_BEFORE_BREAK:
        sheet.set_h_pagebreaks([caveat_row + 1])
    sheet.insert_chart(chart_row, 0, chart)


def _column_series(sheet: str, first_col: int, count: int, last: int) -> list[dict]:
    """Chart series of ``count`` adjacent columns from ``first_col`` on, each named by its
    header and drawn over rows 1..``last`` with the first column as categories."""
    return [
        {
            "name": [sheet, 0, col],
            "categories": [sheet, 1, 0, last, 0],
            "values": [sheet, 1, col, last, col],
        }
        for col in range(first_col, first_col + count)
    ]


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
    ordered = sorted(cells, key=lambda k: (k[0], status_keys.index(k[1])))
    # A year's committed row only when something was committed (no empty "committed" bars).
    rows = [cells[k] for k in ordered if k[1] == "paid_eur" or cells[k]["total"]]
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
    series = _column_series(name, 3, len(GROUP_ORDER), last)
    _chart_below(
        book,
        sheet,
        "column",
        "stacked",
        t("board.chart.funding", lang),
        t("board.caveat.funding", lang),
        series,
        styles.get("money").num_format,
        rows=last,
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
    series = _column_series(name, 2, len(ENGAGEMENT_LEVELS), last)
    _chart_below(
        book,
        sheet,
        "column",
        "stacked",
        t("board.chart.engagement", lang),
        t("board.caveat.engagement", lang),
        series,
        rows=last,
    )


def _tiers(book: xlsxwriter.Workbook, styles: Styles, data: BoardData) -> None:
    """Members by tier and engagement level on 31.12. of the last year (DOMAIN 6.4, W6)."""
    lang = data.lang
    columns = [Column("tier", "board.col.tier", width=18)]
    columns += [Column(level, f"board.level.{level}", "int", 14) for level in ENGAGEMENT_LEVELS]
    name = sheet_name("board.sheet.tiers", lang)
    sheet = write_table(book, styles, name, columns, data.tiers)
    last = max(len(data.tiers), 1)
    series = _column_series(name, 1, len(ENGAGEMENT_LEVELS), last)
    _chart_below(
        book,
        sheet,
        "bar",
        "stacked",
        t("board.chart.tiers", lang, year=data.years[1]),
        t("board.caveat.engagement", lang),
        series,
        rows=last,
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
    _chart_below(
        book,
        sheet,
        "line",
        None,
        t("board.chart.participation", lang),
        t("board.caveat.participation", lang),
        series,
        rows=last,
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
    _chart_below(
        book,
        sheet,
        "bar",
        None,
        t("board.chart.survey", lang, year=latest),
        t("board.caveat.survey_n", lang),
        series,
        styles.get("share").num_format,
        rows=last,
    )
