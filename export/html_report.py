"""The board report as one self-contained HTML page (issue 6 item 2).

Inline CSS and the plotly.js library inlined once, so the page opens offline and from an
e-mail attachment; no external URL is loaded. Each chart has its table (n and response rates
beside every number) and its caveat; a print stylesheet keeps sections whole on A4 so the page
prints cleanly to PDF from any browser.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache

import duckdb
import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from charts import figures
from charts.units import format_value
from export.board_data import ENGAGEMENT_LEVELS, BoardData, Years, board_data
from export.content import record_export
from i18n import format as fmt
from i18n import t
from indicators.breakdowns import GROUP_ORDER

_CSS = """
:root { --ink: #1d2733; --muted: #5b6672; --line: #d5dbe1; --accent: #1f5f8b; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1000px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 4px; } h2 { font-size: 1.25rem; margin: 0 0 8px;
     border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
.meta { color: var(--muted); margin-bottom: 16px; }
section { margin: 28px 0; }
.caveat { color: var(--muted); font-size: 0.9rem; border-left: 3px solid var(--line);
          padding-left: 10px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-top: 8px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
th { background: #eef3f8; }
.suppressed { color: var(--muted); font-style: italic; }
.stories { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
.story { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.story h3 { font-size: 1rem; margin: 0 0 4px; } .story p { margin: 4px 0; }
.print { margin: 8px 0 0; padding: 6px 12px; font-size: 0.95rem; cursor: pointer; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .print { display: none; }
  section, .story, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    """The plotly.js bundle that ships with the plotly package (no network)."""
    return plotly.offline.get_plotlyjs()


def html_report(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str,
    year_range: Years,
    lang: str = "fi",
    *,
    user: str | None = None,
) -> str:
    """The board report for the inclusive ``year_range`` as a complete HTML document
    (audited)."""
    data = board_data(con, cluster_id, year_range, lang)
    page = page_from(data)
    record_export(
        con,
        cluster_id,
        user,
        f"board page {lang} {data.years[0]}-{data.years[1]}",
        {"document": "board_page", "lang": lang, "first": data.years[0], "last": data.years[1]},
    )
    return page


def page_from(data: BoardData) -> str:
    """The HTML board report of already gathered board data."""
    lang = data.lang
    title = t("board.title", lang)
    sections = [
        _funding(data),
        _engagement(data),
        _participation(data),
        _survey(data),
        _stories(data),
    ]
    caveats = "".join(
        f"<p class='caveat'>{_e(t(f'board.caveat.{key}', lang))}</p>"
        for key in ("attribution", "multi_year", "survey_n", "context")
    )
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)} · {_e(data.cluster_name)}</title><style>{_CSS}</style>"
        f"<script>{_plotly_js()}</script></head><body>"
        f"<header><h1>{_e(title)}</h1><div class='meta'>{_e(data.cluster_name)} · "
        f"{_e(t('board.period', lang, first=data.years[0], last=data.years[1]))} · "
        f"{_e(t('board.created', lang))} {_e(fmt.date(data.created, lang))}</div>"
        f"<button class='print' type='button' onclick='window.print()'>"
        f"{_e(t('board.print', lang))}</button>{caveats}</header>"
        + "".join(sections)
        + "</body></html>"
    )


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _figure(fig: go.Figure, div_id: str) -> str:
    fig.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={"displayModeBar": False, "responsive": True},
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[tuple[str, bool]]]) -> str:
    """A table; each cell is (text, numeric) and numeric cells align right."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='num'>{_e(text)}</td>" if numeric else f"<td>{_e(text)}</td>"
            for text, numeric in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(key: str, title: str, chart: str, table: str, caveat: str) -> str:
    return (
        f"<section id='{key}'><h2>{_e(title)}</h2>{chart}"
        f"<p class='caveat'>{_e(caveat)}</p>{table}</section>"
    )


def _funding(data: BoardData) -> str:
    lang = data.lang
    labels = {g: t(f"analytics.funding_group.{g}", lang) for g in GROUP_ORDER}
    status = {
        "paid_eur": t("analytics.funding.paid", lang),
        "committed_eur": t("analytics.funding.committed", lang),
    }
    df = pd.DataFrame(data.funding, columns=["year", "funding_group", "paid_eur", "committed_eur"])
    chart = (
        _figure(
            figures.paid_vs_committed(
                df,
                series="funding_group",
                labels=labels,
                status_labels=status,
                lang=lang,
                order=GROUP_ORDER,
            ),
            "chart-funding",
        )
        if not df.empty
        else ""
    )
    rows = [
        (
            (str(r["year"]), False),
            (labels[r["funding_group"]], False),
            (format_value(r["paid_eur"], "eur", lang), True),
            (format_value(r["committed_eur"], "eur", lang), True),
            (format_value(r["share"], "share", lang), True),
        )
        for r in data.funding
    ]
    table = _table(
        [
            t("export.col.year", lang),
            t("board.col.group", lang),
            status["paid_eur"],
            status["committed_eur"],
            t("board.col.share_paid", lang),
        ],
        rows,
    )
    return _section(
        "funding", t("board.chart.funding", lang), chart, table, t("board.caveat.funding", lang)
    )


def _engagement(data: BoardData) -> str:
    lang = data.lang
    labels = {level: t(f"board.level.{level}", lang) for level in ENGAGEMENT_LEVELS}
    long = pd.DataFrame(
        [
            {"year": r["year"], "level": level, "members": r[level]}
            for r in data.engagement
            for level in ENGAGEMENT_LEVELS
        ],
        columns=["year", "level", "members"],
    )
    chart = (
        _figure(
            figures.stacked_bars(
                long,
                x="year",
                series="level",
                value="members",
                labels=labels,
                unit="count",
                lang=lang,
                order=ENGAGEMENT_LEVELS,
            ),
            "chart-engagement",
        )
        if not long.empty
        else ""
    )
    rows = [
        [(str(r["year"]), False), (format_value(r["members"], "count", lang), True)]
        + [(format_value(r[level], "count", lang), True) for level in ENGAGEMENT_LEVELS]
        for r in data.engagement
    ]
    table = _table(
        [t("export.col.year", lang), t("board.col.members", lang), *labels.values()], rows
    )
    return _section(
        "members",
        t("board.chart.engagement", lang),
        chart,
        table,
        t("board.caveat.engagement", lang),
    ) + _tiers(data, labels)


def _tiers(data: BoardData, labels: dict[str, str]) -> str:
    """Tier × engagement level heat map of the last year, with its table."""
    lang = data.lang
    if not data.tiers:
        return ""
    long = pd.DataFrame(
        [
            {"tier": r["tier"], "level": level, "members": r[level]}
            for r in data.tiers
            for level in ENGAGEMENT_LEVELS
        ]
    )
    tiers = [r["tier"] for r in data.tiers]
    chart = _figure(
        figures.matrix(
            long,
            rows="tier",
            cols="level",
            value="members",
            row_order=tiers,
            col_order=ENGAGEMENT_LEVELS,
            col_labels=labels,
            lang=lang,
        ),
        "chart-tiers",
    )
    rows = [
        [(r["tier"], False)]
        + [(format_value(r[level], "count", lang), True) for level in ENGAGEMENT_LEVELS]
        for r in data.tiers
    ]
    table = _table([t("board.col.tier", lang), *labels.values()], rows)
    return _section(
        "tiers",
        t("board.chart.tiers", lang, year=data.years[1]),
        chart,
        table,
        t("board.caveat.engagement", lang),
    )


def _participation(data: BoardData) -> str:
    lang = data.lang
    columns = {
        key: t(f"board.col.{key}", lang) for key in ("person_participations", "participating_orgs")
    }
    df = pd.DataFrame(
        data.participation,
        columns=["year", "events", "person_participations", "participating_orgs"],
    )
    chart = (
        _figure(
            figures.lines(df, x="year", columns=columns, unit="count", lang=lang),
            "chart-participation",
        )
        if not df.empty
        else ""
    )
    rows = [
        [(str(r["year"]), False)]
        + [(format_value(r[key], "count", lang), True) for key in ("events", *columns)]
        for r in data.participation
    ]
    table = _table(
        [t("export.col.year", lang), t("board.col.events", lang), *columns.values()], rows
    )
    return _section(
        "participation",
        t("board.chart.participation", lang),
        chart,
        table,
        t("board.caveat.participation", lang),
    )


def _survey(data: BoardData) -> str:
    lang = data.lang
    marker = t("export.suppressed_marker", lang)
    rates = []
    for r in data.response_rates:
        key = (
            "board.response_rate"
            if r["response_rate"] is not None
            else "board.response_rate_unknown"
        )
        if r["n"] is not None:
            rates.append(
                t(
                    key,
                    lang,
                    year=r["year"],
                    n=r["n"],
                    rate=format_value(r["response_rate"], "share", lang),
                )
            )
    if not data.survey:
        return _section(
            "survey",
            t("board.sheet.survey", lang),
            "",
            f"<p>{_e(t('board.no_survey', lang))}</p>",
            t("board.caveat.survey_n", lang),
        )
    df = pd.DataFrame(
        [
            {
                "year": r["year"],
                "item": r["item"],
                "agree_share": None if r["suppressed"] else r["agree_share"],
            }
            for r in data.survey
        ]
    )
    chart = _figure(
        figures.stacked_bars(
            df,
            x="year",
            series="item",
            value="agree_share",
            labels={},
            unit="share",
            lang=lang,
            barmode="group",
        ),
        "chart-survey",
    )
    rows = [
        (
            (str(r["year"]), False),
            (r["item"], False),
            (r["text"], False),
            (marker if r["suppressed"] else format_value(r["mean"], "score", lang), True),
            (marker if r["suppressed"] else format_value(r["agree_share"], "share", lang), True),
            (format_value(r["n"], "count", lang), True),
        )
        for r in data.survey
    ]
    table = _table(
        [
            t("export.col.year", lang),
            t("board.col.item", lang),
            t("board.col.question", lang),
            t("board.col.mean", lang),
            t("board.col.agree_share", lang),
            t("export.col.n", lang),
        ],
        rows,
    )
    rate_text = "".join(f"<p>{_e(text)}</p>" for text in rates)
    return _section(
        "survey",
        t("board.sheet.survey", lang),
        chart,
        rate_text + table,
        t("board.caveat.survey_n", lang),
    )


def _stories(data: BoardData) -> str:
    lang = data.lang
    if not data.stories:
        body = f"<p>{_e(t('board.no_stories', lang))}</p>"
    else:
        body = (
            "<div class='stories'>"
            + "".join(
                f"<article class='story'><h3>{_e(s['title'])}</h3>"
                f"<p class='meta'>{_e(fmt.date(s['date'], lang))} · {_e(s['type_label'])}</p>"
                f"<p>{_e(s['organisations_text'])}</p>"
                + (
                    f"<p>{_e(format_value(s['amount_eur'], 'eur', lang))}</p>"
                    if s["amount_eur"] is not None
                    else ""
                )
                + "</article>"
                for s in data.stories
            )
            + "</div>"
        )
    return (
        f"<section id='stories'><h2>{_e(t('board.chart.stories', lang))}</h2>"
        f"<p class='caveat'>{_e(t('board.caveat.attribution', lang))}</p>{body}</section>"
    )
