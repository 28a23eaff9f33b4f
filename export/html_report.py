"""The board report as one self-contained HTML page that prints on A4 (issue 16 item 4).

Page one is the summary a board member reads in five minutes: the overview's headline for the
last year (inputs → activity → results, each with its series, n and data class), the status of
every target set for that year, and how to read the figures. The sections after it each hold one
chart, its numbers in a table and its caveat. Charts are inline SVG (``charts.svg``): no script,
no remote request, labels that never clip, and the whole page stays far below 2 MB. Every text
from the data is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import duckdb

from charts import svg
from charts.units import relative_change_text
from export.board_data import (
    ENGAGEMENT_LEVELS,
    BoardData,
    Years,
    board_data,
    record_board_export,
)
from i18n import format as fmt
from i18n import t
from indicators.breakdowns import GROUP_ORDER
from indicators.headline import Figure, Headline, Section
from indicators.present import enum_label, figure_text, format_value, metric_label, n_suffix
from indicators.registry import Registry

_CSS = """
:root { --ink: #1d2733; --muted: #5b6672; --line: #d5dbe1; --accent: #1f5f8b; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 960px; padding: 24px; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 0 0 8px; border-bottom: 2px solid var(--accent);
     padding-bottom: 3px; }
h3 { font-size: 1rem; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0 0 12px; }
section { margin: 24px 0; }
figure { margin: 8px 0; }
figure svg { display: block; width: 100%; height: auto; }
.caveat { color: var(--muted); font-size: 0.88rem; border-left: 3px solid var(--line);
          padding-left: 8px; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-top: 6px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
th { background: #eef3f8; }
.answer { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 10px 0; }
.box { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.box .kind { font-weight: 600; color: var(--accent); text-transform: uppercase;
             font-size: 0.75rem; letter-spacing: 0.04em; }
.box .big { font-size: 1.6rem; font-weight: 600; margin: 2px 0; }
.box p { margin: 2px 0; font-size: 0.85rem; }
.series { color: var(--muted); }
.status { font-weight: 600; }
.status.reached { color: #1e7b34; } .status.on_track { color: #1f5f8b; }
.status.behind { color: #a15c00; } .status.not_reached { color: #b3261e; }
.status.no_data, .status.no_target { color: var(--muted); }
.heat td.num { font-weight: 600; }
.stories { display: grid; grid-template-columns: repeat(2, 1fr); gap: 10px; }
.story { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.story p { margin: 3px 0; }
.print { margin: 8px 0 0; padding: 6px 12px; font-size: 0.95rem; cursor: pointer; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .print { display: none; }
  .summary { break-after: page; page-break-after: always; }
  figure, tr, .box, .story, .caveat { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""
_SUMMARY_CAVEATS = ("attribution", "multi_year", "survey_n", "context")


def html_report(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    year_range: Years,
    lang: str = "fi",
    *,
    user: str | None = None,
) -> str:
    """The board report for the inclusive ``year_range`` as a complete HTML document
    (audited)."""
    data = board_data(con, registry, cluster_id, year_range, lang)
    page = page_from(data)
    record_board_export(con, cluster_id, user, "board_page", data)
    return page


def page_from(data: BoardData) -> str:
    """The HTML board report of already gathered board data."""
    lang = data.lang
    title = t("board.title", lang)
    body = [
        _summary(data),
        _funding(data),
        _participation(data),
        _engagement(data),
        _survey(data),
        _stories(data),
        _regional(data),
    ]
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(title)} · {_e(data.cluster_name)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[tuple[str, bool]]], cls: str = ""
) -> str:
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
    attr = f" class='{cls}'" if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(key: str, title: str, chart: str, table: str, caveat: str) -> str:
    figure = f"<figure>{chart}</figure>" if chart else ""
    return (
        f"<section id='{key}'><h2>{_e(title)}</h2>{figure}"
        f"<p class='caveat'>{_e(caveat)}</p>{table}</section>"
    )


# --- page one: the board's answer -------------------------------------------------------------
def _summary(data: BoardData) -> str:
    lang = data.lang
    h = data.headline
    stamp = ""
    if h is not None and h.as_of is not None:
        clock = f"{h.as_of.hour}.{h.as_of.minute:02d}" if lang == "fi" else f"{h.as_of:%H:%M}"
        stamp = " · " + t(
            "ui.headline.as_of", lang, date=fmt.date(h.as_of.date(), lang), time=clock
        )
    meta = (
        f"{_e(data.cluster_name)} · "
        f"{_e(t('board.period', lang, first=data.years[0], last=data.years[1]))} · "
        f"{_e(t('board.created', lang))} {_e(fmt.date(data.created, lang))}{_e(stamp)}"
    )
    caveats = "".join(
        f"<p class='caveat'>{_e(t(f'board.caveat.{key}', lang))}</p>" for key in _SUMMARY_CAVEATS
    )
    answer = "" if h is None else _answer(h, lang, data.registry)
    return (
        f"<section class='summary'><header><h1>{_e(t('board.title', lang))}</h1>"
        f"<p class='meta'>{meta}</p><button class='print' type='button' "
        f"onclick='window.print()'>{_e(t('board.print', lang))}</button></header>"
        f"{answer}<h3>{_e(t('board.caveats_title', lang))}</h3>{caveats}</section>"
    )


def _answer(h: Headline, lang: str, registry: Registry) -> str:
    boxes = "".join(_box(section, h, lang, registry) for section in h.sections)
    return (
        f"<h2>{_e(t('ui.headline.title', lang, year=h.year))}</h2>"
        f"<p class='meta'>{_e(t('ui.headline.intro', lang))}</p>"
        f"<div class='answer'>{boxes}</div>{_targets(h, lang, registry)}"
    )


def _name(registry: Registry, f: Figure, lang: str) -> str:
    """A headline figure's metric name in ``lang``."""
    return metric_label(registry.get(f.code), f.metric, lang)


def figure_text_of(f: Figure, year: int, lang: str) -> str:
    """A headline figure's value in ``year`` as the board reads it."""
    point = next((p for p in f.series if p.year == year), None)
    if point is None:
        return format_value(None, f.unit, lang)
    return figure_text(
        point.value, f.unit, lang, suppressed=point.suppressed, recorded=point.recorded
    )


def _box(section: Section, h: Headline, lang: str, registry: Registry) -> str:
    kind = f"<div class='kind'>{_e(t(f'ui.headline.section.{section.key}', lang))}</div>"
    if not section.figures:
        return (
            f"<div class='box'>{kind}<p>{_e(t(f'ui.headline.empty.{section.key}', lang))}</p></div>"
        )
    lead, *context = section.figures
    lines = [
        f"<p>{_e(_name(registry, f, lang))}: <b>{_e(figure_text_of(f, h.year, lang))}</b>"
        f"{_e(n_suffix(f.n, f.unit, lang, recorded=f.recorded))}</p>"
        for f in context
    ]
    series = " · ".join(f"{p.year}: {figure_text_of(lead, p.year, lang)}" for p in lead.series)
    goal = (
        t("ui.status.no_target", lang)
        if lead.target is None
        else f"{t('ui.target.label', lang)} {format_value(lead.target, lead.unit, lang)}: "
        f"{t(f'ui.status.{lead.status}', lang).lower()}"
    )
    return (
        f"<div class='box'>{kind}<h3>{_e(_name(registry, lead, lang))}</h3>"
        f"<div class='big'>{_e(figure_text_of(lead, h.year, lang))}</div>{''.join(lines)}"
        f"<p class='series'>{_e(series)}</p><p>{_e(goal)}</p>"
        f"<p class='series'>{_e(t(f'ui.data_class.{lead.data_class}', lang))}</p></div>"
    )


def _targets(h: Headline, lang: str, registry: Registry) -> str:
    title = f"<h3>{_e(t('ui.headline.targets', lang, year=h.year))}</h3>"
    if not h.targets:
        return title + f"<p>{_e(t('ui.headline.no_targets', lang, year=h.year))}</p>"
    rows = "".join(
        f"<tr><td>{_e(f.code)} · {_e(_name(registry, f, lang))}</td>"
        f"<td class='num'>{_e(figure_text_of(f, h.year, lang))}</td>"
        f"<td class='num'>{_e(format_value(f.target, f.unit, lang))}</td>"
        f"<td class='status {f.status}'>{_e(t(f'ui.status.{f.status}', lang))}</td></tr>"
        for f in h.targets
    )
    head = "".join(
        f"<th>{_e(t(key, lang))}</th>"
        for key in ("export.col.metric", "ui.chart.value", "ui.target.label", "board.col.status")
    )
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


# --- the sections behind it -------------------------------------------------------------------
def _funding(data: BoardData) -> str:
    lang = data.lang
    names = {g: t(f"analytics.funding_group.{g}", lang) for g in GROUP_ORDER}
    paid, committed = t("analytics.funding.paid", lang), t("analytics.funding.committed", lang)
    years = sorted({r["year"] for r in data.funding})
    committed_years = {r["year"] for r in data.funding if r["committed_eur"]}
    columns = [(y, "paid_eur") for y in years] + [
        (y, "committed_eur") for y in sorted(committed_years)
    ]
    columns.sort(key=lambda c: (c[0], c[1] != "paid_eur"))
    categories = [
        str(y) if y not in committed_years else f"{y} {paid if s == 'paid_eur' else committed}"
        for y, s in columns
    ]
    cell = {(r["year"], r["funding_group"]): r for r in data.funding}
    series = [
        svg.Series(names[g], [(cell.get((y, g)) or {}).get(s) or None for y, s in columns])
        for g in GROUP_ORDER
        if any((cell.get((y, g)) or {}).get(s) for y, s in columns)
    ]
    title = t("board.chart.funding", lang)
    chart = (
        svg.bars("chart-funding", title, categories, series, unit="eur", lang=lang, stacked=True)
        if series
        else ""
    )
    rows = [
        (
            (str(r["year"]), False),
            (names[r["funding_group"]], False),
            (format_value(r["paid_eur"], "eur", lang), True),
            (format_value(r["committed_eur"], "eur", lang), True),
            (format_value(r["share"], "share", lang), True),
        )
        for r in data.funding
        if r["paid_eur"] or r["committed_eur"]
    ]
    table = _table(
        [
            t("export.col.year", lang),
            t("board.col.group", lang),
            paid,
            committed,
            t("board.col.share_paid", lang),
        ],
        rows,
    )
    return _section("funding", title, chart, table, t("board.caveat.funding", lang))


def _participation(data: BoardData) -> str:
    lang = data.lang
    keys = ("person_participations", "participating_orgs")
    years = [str(r["year"]) for r in data.participation]
    series = [
        svg.Series(t(f"board.col.{key}", lang), [r[key] for r in data.participation])
        for key in keys
    ]
    title = t("board.chart.participation", lang)
    chart = (
        svg.lines("chart-participation", title, years, series, unit="count", lang=lang)
        if data.participation
        else ""
    )
    rows = [
        [(str(r["year"]), False)]
        + [(format_value(r[key], "count", lang), True) for key in ("events", *keys)]
        for r in data.participation
    ]
    table = _table(
        [t("export.col.year", lang), t("board.col.events", lang)]
        + [t(f"board.col.{key}", lang) for key in keys],
        rows,
    )
    return _section("participation", title, chart, table, t("board.caveat.participation", lang))


def _engagement(data: BoardData) -> str:
    lang = data.lang
    names = {level: t(f"board.level.{level}", lang) for level in ENGAGEMENT_LEVELS}
    years = [str(r["year"]) for r in data.engagement]
    series = [
        svg.Series(names[level], [r[level] for r in data.engagement]) for level in ENGAGEMENT_LEVELS
    ]
    title = t("board.chart.engagement", lang)
    chart = (
        svg.bars("chart-engagement", title, years, series, unit="count", lang=lang, stacked=True)
        if any(any(v for v in s.values if v) for s in series)
        else ""
    )
    rows = [
        [(str(r["year"]), False), (format_value(r["members"], "count", lang), True)]
        + [(format_value(r[level], "count", lang), True) for level in ENGAGEMENT_LEVELS]
        for r in data.engagement
    ]
    table = _table(
        [t("export.col.year", lang), t("board.col.members", lang), *names.values()], rows
    )
    section = _section("members", title, chart, table, t("board.caveat.engagement", lang))
    return section + _tiers(data, names)


def _tiers(data: BoardData, names: dict[str, str]) -> str:
    """Tier × engagement level on 31.12. of the last year: a table, every row and column named."""
    lang = data.lang
    if not data.tiers:
        return ""
    rows = [
        [(r["tier"], False)]
        + [(format_value(r.get(level), "count", lang), True) for level in ENGAGEMENT_LEVELS]
        for r in data.tiers
    ]
    table = _table([t("board.col.tier", lang), *names.values()], rows, cls="heat")
    return _section(
        "chart-tiers",
        t("board.chart.tiers", lang, year=data.years[1]),
        "",
        table,
        t("board.caveat.engagement", lang),
    )


def _survey(data: BoardData) -> str:
    lang = data.lang
    title = t("board.sheet.survey", lang)
    if not data.survey:
        return _section(
            "survey",
            title,
            "",
            f"<p>{_e(t('board.no_survey', lang))}</p>",
            t("board.caveat.survey_n", lang),
        )
    rate_of = {r["year"]: r for r in data.response_rates}
    rates = [
        t(
            "board.response_rate"
            if r["response_rate"] is not None
            else "board.response_rate_unknown",
            lang,
            year=r["year"],
            n=r["n"],
            rate=format_value(r["response_rate"], "share", lang),
        )
        for r in data.response_rates
        if r["n"] is not None
    ]
    marker = t("export.suppressed_marker", lang)
    latest = max(r["year"] for r in data.survey)
    items = [r for r in data.survey if r["year"] == latest]
    texts = [
        f"{marker}"
        if r["suppressed"]
        else f"{format_value(r['agree_share'], 'share', lang)} · n = {r['n']}"
        for r in items
    ]
    chart = svg.hbars(
        "chart-survey",
        t("board.chart.survey", lang, year=latest),
        [f"{r['item']} {r['text']}" for r in items],
        [None if r["suppressed"] else r["agree_share"] for r in items],
        texts,
        unit="share",
        lang=lang,
    )
    rows = [
        (
            (str(r["year"]), False),
            (r["item"], False),
            (r["text"], False),
            (marker if r["suppressed"] else format_value(r["mean"], "score", lang), True),
            (marker if r["suppressed"] else format_value(r["agree_share"], "share", lang), True),
            (format_value(r["n"], "count", lang), True),
            (
                format_value((rate_of.get(r["year"]) or {}).get("response_rate"), "share", lang),
                True,
            ),
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
            t("board.col.response_rate", lang),
        ],
        rows,
    )
    heading = f"<h3>{_e(t('board.chart.survey', lang, year=latest))}</h3>"
    rate_text = "".join(f"<p>{_e(text)}</p>" for text in rates)
    return _section(
        "survey", title, heading + chart, rate_text + table, t("board.caveat.survey_n", lang)
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


def _regional(data: BoardData) -> str:
    """The first regional measure (population if there is one) as an index, levels in a table."""
    lang = data.lang
    if not data.regional:
        return ""
    measures = list(dict.fromkeys(r["measure"] for r in data.regional))
    measure = "population" if "population" in measures else measures[0]
    rows = [r for r in data.regional if r["measure"] == measure]
    years = sorted({r["year"] for r in rows})
    regions = list(dict.fromkeys(r["region"] for r in rows))
    value = {(r["region"], r["year"]): r["value"] for r in rows}
    name = enum_label("measure", measure, lang)
    series, low, high = [], 90.0, 110.0
    for region in regions:
        levels = [value.get((region, y)) for y in years]
        base = next((v for v in levels if v), None)
        if base is None:
            continue
        index = [None if v is None else v / base * 100 for v in levels]
        texts = [
            ""
            if i is None
            else (
                "100" if y == years[levels.index(base)] else relative_change_text(i / 100 - 1, lang)
            )
            for y, i in zip(years, index)
        ]
        known = [i for i in index if i is not None]
        low, high = min(low, *known), max(high, *known)
        series.append(svg.Series(f"{name} · {region}", index, texts))
    chart = svg.lines(
        "chart-regional",
        t("ui.overview.regional", lang),
        [str(y) for y in years],
        series,
        unit="count",
        lang=lang,
        value_range=(5 * (low // 5), 5 * -(-high // 5)),
        axis_unit="count",
    )
    sources = ", ".join(sorted({r["source"] for r in rows if r.get("source")}))
    table = _table(
        [t("export.col.year", lang), *regions],
        [
            [(str(y), False)]
            + [(format_value(value.get((r, y)), "count", lang), True) for r in regions]
            for y in years
        ],
    )
    caveat = t("board.caveat.context", lang) + (f" {sources}." if sources else "")
    heading = f"<p class='meta'>{_e(t('ui.figure.index_axis', lang))}</p>"
    return _section("regional", t("ui.overview.regional", lang), heading + chart, table, caveat)
