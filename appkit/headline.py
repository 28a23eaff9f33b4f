"""The overview's first screen: the board's answer for one year (``indicators.headline``).

Three cards side by side (inputs → activity → results, stacked on a phone), each leading with
one figure, its context figures, data class and several-year bars with their numbers; then a
tile per target of the year with its status, and the "data as of" stamp.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from appkit import widgets
from appkit.cards import results
from appkit.connection import cached
from appkit.context import Ctx
from charts import colours, figures
from charts.table import TEXT, Table, table
from charts.units import change_text
from i18n import format as fmt
from indicators import drilldown, honesty
from indicators.headline import Figure, Headline, Section, headline, last_import
from indicators.present import enum_label, figure_text, format_value, n_suffix, n_text
from indicators.targets import list_targets

STATUS_COLOURS = {
    honesty.REACHED: "green",
    honesty.ON_TRACK: "blue",
    honesty.BEHIND: "orange",
    honesty.NOT_REACHED: "red",
    honesty.NO_DATA: "gray",
    honesty.NO_TARGET: "gray",
}
TILES_PER_ROW = 4


def board_headline(
    c: Ctx, year: int, years: tuple[int, int] | None = None, cluster_id: str | None = None
) -> Headline:
    """The headline of ``year`` over ``years`` (the selected ones by default) of the cluster
    (or of ``cluster_id``), from the cached results."""
    cluster = cluster_id or c.cluster_id
    return headline(
        results(c, cluster).to_dict("records"),
        cached(c, list_targets, cluster),
        year,
        years or c.years or (year, year),
        today=dt.date.today(),
        as_of=cached(c, last_import, cluster),
    )


def text(c: Ctx, f: Figure, year: int | None = None) -> str:
    """A figure's value in ``year`` (its chosen year by default) as people read it."""
    point = next((p for p in f.series if p.year == (year or f.year)), None)
    if point is None:
        return format_value(None, f.unit, c.lang)
    return figure_text(
        point.value, f.unit, c.lang, suppressed=point.suppressed, recorded=point.recorded
    )


def stamp(c: Ctx, when: dt.datetime | None) -> None:
    """ "Data as of": when the data last changed by an import."""
    if when is None:
        st.caption(c.t("ui.headline.no_import"))
        return
    clock = f"{when.hour}.{when.minute:02d}" if c.lang == "fi" else f"{when:%H:%M}"
    as_of = c.t("ui.headline.as_of", date=fmt.date(when.date(), c.lang), time=clock)
    st.caption(f":material/schedule: {as_of}")


def render(c: Ctx, h: Headline) -> None:
    """The headline: title, intro, the three cards, the target tiles."""
    st.subheader(c.t("ui.headline.title", year=h.year), anchor=False)
    st.caption(c.t("ui.headline.intro"))
    stamp(c, h.as_of)
    for column, section in zip(st.columns(len(h.sections), gap="medium"), h.sections):
        with column, st.container(border=True):
            section_card(c, section, h)
    target_tiles(c, h)


def section_card(c: Ctx, section: Section, h: Headline) -> None:
    st.markdown(f"**{c.t(f'ui.headline.section.{section.key}')}**")
    if not section.figures:
        st.caption(c.t(f"ui.headline.empty.{section.key}"))
        return
    lead, *context = section.figures
    delta = lead.change
    st.metric(
        c.metric_name(lead.code, lead.metric),
        text(c, lead),
        delta=None
        if delta is None
        else c.t(
            "ui.figure.change", change=change_text(delta[0], lead.unit, c.lang), year=delta[1]
        ),
        delta_color="off",
    )
    lines = [
        f"{c.metric_name(f.code, f.metric)}: **{text(c, f)}**"
        f"{n_suffix(f.n, f.unit, c.lang, recorded=f.recorded)}"
        for f in context
    ]
    lead_n = n_text(lead.n, lead.unit, c.lang, recorded=lead.recorded)
    if lead_n:
        lines.append(lead_n)
    lines.append(target_line(c, lead))
    st.markdown("  \n".join(lines))
    widgets.data_class_badge(c, lead.data_class)
    colour = colours.recipient_colour("cluster_org")
    chart = figures.trend_bars(
        [p.year for p in lead.series],
        [p.value if p.recorded and not p.suppressed else None for p in lead.series],
        [text(c, lead, p.year) for p in lead.series],
        unit=lead.unit,
        lang=c.lang,
        highlight=h.year,
        colour=colour,
    )
    event = widgets.chart(
        c, chart, f"headline:{section.key}", series_table(c, section), selectable=c.is_manager
    )
    if c.is_manager:
        picked = [p.get("x") for p in (event.selection.points if event else [])]
        if picked:
            drill(c, section.key, int(picked[0]))
        else:
            st.caption(c.t("ui.chart.pick_hint"))


DRILLS = {  # section → the rows behind its bars, and their columns (key → header, unit)
    "activity": (
        drilldown.events_of_year,
        {
            "date": ("ui.drill.date", TEXT),
            "title": ("ui.drill.event", TEXT),
            "event_type": ("ui.drill.type", TEXT),
            "persons": ("ui.drill.persons", "count"),
            "organisations": ("ui.drill.organisations", "count"),
        },
    ),
    "results": (
        drilldown.outcomes_of_year,
        {
            "date": ("ui.drill.date", TEXT),
            "outcome_type": ("ui.drill.type", TEXT),
            "title": ("ui.drill.title", TEXT),
            "amount_eur": ("ui.drill.amount", "eur"),
            "published": ("ui.drill.published", TEXT),
        },
    ),
    "inputs": (
        drilldown.funding_of_year,
        {
            "source_type": ("ui.drill.source", TEXT),
            "payer": ("ui.drill.payer", TEXT),
            "status": ("ui.drill.status", TEXT),
            "amount_eur": ("ui.drill.amount", "eur"),
        },
    ),
}
_ENUMS = {"event_type": "event_type", "outcome_type": "outcome_type", "source_type": "source"}


def drill(c: Ctx, section: str, year: int) -> None:
    """The manager's rows behind a bar: the year's events, outcomes or funding rows."""
    fetch, columns = DRILLS[section]
    rows = cached(c, fetch, c.cluster_id, year, role=c.role)
    shown = [[_cell(c, key, row[key]) for key in columns] for row in rows]
    data = table(
        c.t("ui.chart.rows_of", what=f"{c.t(f'ui.headline.section.{section}')} {year}"),
        [(c.t(head), unit) for head, unit in columns.values()],
        shown,
    )
    st.markdown(f"**{data.title}**")
    st.dataframe(data.display(c.lang), hide_index=True, width="stretch")


def _cell(c: Ctx, key: str, value: object) -> object:
    if key in _ENUMS and isinstance(value, str):
        return enum_label(_ENUMS[key], value, c.lang)
    if isinstance(value, dt.date):
        return fmt.date(value, c.lang)
    if isinstance(value, bool):
        return c.t("ui.drill.yes" if value else "ui.drill.no")
    if key == "status" and isinstance(value, str):
        return c.t(f"analytics.funding.{value}")
    return value


def target_line(c: Ctx, f: Figure) -> str:
    if f.target is None:
        return f"{c.t('ui.target.label')}: {c.t('ui.status.no_target').lower()}"
    goal = format_value(f.target, f.unit, c.lang)
    return f"{c.t('ui.target.label')} {goal}: {c.t(f'ui.status.{f.status}').lower()}"


def series_table(c: Ctx, section: Section) -> Table:
    """A section's figures per year: the numbers behind its bars and lines."""
    years = sorted({p.year for f in section.figures for p in f.series})
    columns = [(c.t("ui.chart.year"), TEXT)] + [
        (c.metric_name(f.code, f.metric), f.unit) for f in section.figures
    ]
    rows = [[y] + [cell(c, f, y) for f in section.figures] for y in years]
    title = c.t(f"ui.headline.section.{section.key}")
    return table(title, columns, rows) if years else Table(title, (), (), ())


def cell(c: Ctx, f: Figure, year: int) -> object:
    """A figure's value in ``year`` for a table: the number, or the words for why it is
    missing (not recorded, hidden under n < 5)."""
    point = next((p for p in f.series if p.year == year), None)
    if point is None:
        return None
    if point.suppressed or not point.recorded:
        return text(c, f, year)
    return point.value


def target_tiles(c: Ctx, h: Headline) -> None:
    """One tile per target of the year: the figure, its value against the target, the status."""
    st.markdown(f"**{c.t('ui.headline.targets', year=h.year)}**")
    if not h.targets:
        st.caption(c.t("ui.headline.no_targets", year=h.year))
        if c.is_manager:
            st.page_link(
                "pages/settings.py", label=c.t("ui.headline.set_targets"), icon=":material/flag:"
            )
        return
    for start in range(0, len(h.targets), TILES_PER_ROW):
        row = h.targets[start : start + TILES_PER_ROW]
        for column, f in zip(st.columns(TILES_PER_ROW), row):
            with column, st.container(border=True):
                st.caption(f"{f.code} · {c.metric_name(f.code, f.metric)}")
                st.badge(c.t(f"ui.status.{f.status}"), color=STATUS_COLOURS[f.status])
                st.markdown(
                    c.t(
                        "ui.status.value_of_target",
                        value=text(c, f),
                        target=format_value(f.target, f.unit, c.lang),
                    )
                )


def compare(c: Ctx, answers: dict[str, Headline], names: dict[str, str]) -> None:
    """Several clusters side by side: the year's figures in one table, then each headline
    figure per year and cluster as grouped bars with its numbers (the same honesty rules:
    not recorded, hidden under n < 5, no change for a flow)."""
    first = next(iter(answers.values()))
    keys = [(f.code, f.metric) for s in first.sections for f in s.figures]
    for h in answers.values():
        keys += [
            (f.code, f.metric)
            for s in h.sections
            for f in s.figures
            if (f.code, f.metric) not in keys
        ]
    figures_of = {
        cid: {(f.code, f.metric): f for s in h.sections for f in s.figures}
        for cid, h in answers.items()
    }
    year = first.year
    st.markdown(f"**{c.t('ui.clusters.year_table', year=year)}**")
    columns = [(c.t("ui.clusters.cluster"), TEXT)] + [
        (c.metric_name(code, metric), TEXT) for code, metric in keys
    ]
    rows = [
        [names[cid]]
        + [text(c, figures_of[cid][key]) if key in figures_of[cid] else "–" for key in keys]
        for cid in answers
    ]
    st.dataframe(table("", columns, rows).display(c.lang), hide_index=True, width="stretch")
    leads = [s.figures[0] for s in first.sections if s.figures]
    leads += [f for s in first.sections for f in s.figures[1:2] if s.key == "activity"]
    for column, lead in zip(st.columns(2, gap="large") * 2, leads):
        with column:
            compare_chart(c, (lead.code, lead.metric), figures_of, names)


def compare_chart(
    c: Ctx, key: tuple[str, str], figures_of: dict[str, dict], names: dict[str, str]
) -> None:
    """One figure per year, a bar per cluster, with the table of its numbers."""
    label = c.metric_name(*key)
    st.markdown(f"**{c.t('ui.headline.series', label=label)}**")
    held = {cid: figs[key] for cid, figs in figures_of.items() if key in figs}
    if not held:
        st.caption("–")
        return
    unit = next(iter(held.values())).unit
    years = sorted({p.year for f in held.values() for p in f.series})
    long = pd.DataFrame(
        [
            {
                "year": y,
                "cluster": names[cid],
                "value": None if p is None or p.suppressed or not p.recorded else p.value,
            }
            for cid, f in held.items()
            for y in years
            for p in [next((q for q in f.series if q.year == y), None)]
        ]
    )
    fig = figures.stacked_bars(
        long,
        x="year",
        series="cluster",
        value="value",
        labels={},
        unit=unit,
        lang=c.lang,
        barmode="group",
        order=[names[cid] for cid in held],
    )
    data = table(
        label,
        [(c.t("ui.chart.year"), TEXT)] + [(names[cid], unit) for cid in held],
        [[y] + [cell(c, f, y) for f in held.values()] for y in years],
    )
    widgets.chart(c, fig, f"compare:{key[0]}:{key[1]}", data)
