"""Indicator results as pages show them: the cached results, a metric's card (latest value,
change, values per year, n, target) and an indicator's card with its caveat and charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from appkit import downloads, widgets
from appkit.connection import cached, connection, run_cached, target
from appkit.context import Ctx
from charts.indicator_view import Card, Series, cards, results_frame, targets_frame, with_figures
from charts.table import TEXT, Table, table
from charts.units import change_text
from i18n import t
from indicators import honesty
from indicators.compute import compute
from indicators.present import figure_text, format_value, n_text
from indicators.record import Result
from indicators.registry import Registry
from indicators.targets import list_targets


@st.cache_data(show_spinner=False, max_entries=16)
def _computed(
    db: str, version: str, indicators: str, cluster_id: str, _registry: Registry
) -> list[Result]:
    """Every result of the cluster, in no language; cached by the registry's token
    (``indicators``), not by the registry itself."""
    cur = connection(db).cursor()
    try:
        return compute(cur, _registry, cluster_id)
    finally:
        cur.close()


@st.cache_data(show_spinner=False, max_entries=64)
def _results(
    db: str, version: str, indicators: str, cluster_id: str, lang: str, _registry: Registry
) -> pd.DataFrame:
    return results_frame(_computed(db, version, indicators, cluster_id, _registry), lang)


def results(c: Ctx, cluster_id: str | None = None) -> pd.DataFrame:
    """Every indicator result of the cluster (or of ``cluster_id``) for every year (cached)."""
    return _results(
        c.db, c.version, c.registry.token, cluster_id or c.cluster_id, c.lang, c.registry
    )


def targets(c: Ctx) -> pd.DataFrame:
    return targets_frame(cached(c, list_targets, c.cluster_id))


def indicator_caveat(c: Ctx, code: str) -> str | None:
    """The registry's caveat of an indicator in the reader's language (None for unknown codes)."""
    entry = c.registry.get(code)
    return None if entry is None else entry.caveat.text(c.lang)


def point_text(code: str, s: Series, row: Mapping[str, Any], lang: str) -> str:
    """One year of a metric as people read it: hidden under n < 5, "not recorded", or its
    value (``indicators.honesty``)."""
    return figure_text(
        row["value"],
        s.unit,
        lang,
        suppressed=bool(row["suppressed"]),
        recorded=honesty.recorded(s.unit, row["n"], row["value"]),
    )


def change_caption(c: Ctx, code: str, s: Series) -> str | None:
    """Change from the year before: a stock's only, and only when both years are known."""
    latest = s.latest
    if latest is None:
        return None
    by_year = dict(zip(s.frame["year"], s.frame["value"]))
    delta = honesty.change(code, s.metric, by_year, int(latest["year"]))
    if delta is None:
        return None
    return c.t("ui.figure.change", change=change_text(delta[0], s.unit, c.lang), year=delta[1])


def trend_text(c: Ctx, code: str, s: Series) -> str:
    """The metric's values per year on one line (``2023: 15 · 2024: 28``), readable unaided."""
    known = s.known.to_dict("records")
    return " · ".join(f"{int(row['year'])}: {point_text(code, s, row, c.lang)}" for row in known)


@st.cache_data(show_spinner=False, max_entries=64)
def _survey_rates(
    db: str,
    version: str,
    indicators: str,
    cluster_id: str,
    years: tuple[int, int] | None,
    lang: str,
    _registry: Registry,
) -> dict[int, float | None]:
    rows = _results(db, version, indicators, cluster_id, lang, _registry)
    rows = _indicator_rows(rows, "ORG-5", years, "response_rate")
    return {int(r["year"]): r["value"] for r in rows.to_dict("records")}


def survey_rates(c: Ctx) -> dict[int, float | None]:
    """Response rate per survey year (ORG-5), for the basis of survey figures (cached: every
    survey figure on a page names it)."""
    return _survey_rates(
        c.db, c.version, c.registry.token, c.cluster_id, c.years, c.lang, c.registry
    )


def survey_basis(c: Ctx, year: int, n: object) -> str:
    """ "2025: n = 14 answers, response rate 44,1 %" beside a survey figure (W1)."""
    count = n if isinstance(n, str) else format_value(n, "count", c.lang)
    rate = survey_rates(c).get(year)
    if honesty.missing(rate):
        return c.t("ui.figure.survey_basis_no_rate", year=year, n=count)
    return c.t(
        "ui.figure.survey_basis", year=year, n=count, rate=format_value(rate, "share", c.lang)
    )


def is_survey(c: Ctx, code: str, metric: str) -> bool:
    """A figure from survey answers (it has a smallest n), which carries n and response rate."""
    entry = c.registry.get(code)
    spec = entry.metric(metric) if entry else None
    return spec is not None and spec.min_n is not None


def metric_card(c: Ctx, code: str, s: Series) -> None:
    """A metric's latest value, its change from the year before when it is a stock, its values
    per year, n (with the response rate for a survey figure) and target."""
    latest = s.latest
    if latest is None:
        st.metric(s.label, "–")
        note = next((n for n in s.frame["note"].dropna()), None)
        if note:
            st.caption(note)
        return
    st.metric(
        s.label,
        point_text(code, s, latest, c.lang),
        delta=change_caption(c, code, s),
        delta_color="off",
        delta_arrow="off",
    )
    facts = [trend_text(c, code, s)]
    if is_survey(c, code, s.metric):
        facts.append(survey_basis(c, int(latest["year"]), latest["n"]))
    elif n := n_text(
        latest["n"],
        s.unit,
        c.lang,
        recorded=honesty.recorded(s.unit, latest["n"], latest["value"]),
    ):
        facts.append(n)
    if not pd.isna(latest["target"]):
        facts.append(c.t("ui.target.value", value=format_value(latest["target"], s.unit, c.lang)))
    st.caption(" · ".join(facts))


def shown_metrics(card: Card) -> list[Series]:
    """The card's figures: relative changes of a flow (``ratio``: EU funding's change) are left
    out, as the years' own values beside each other say it honestly (``indicators.honesty``);
    the records stay in the exports."""
    kept = [s for s in card.headline if s.unit != "ratio"]
    return [s for s in kept if s.latest is not None] or kept


def series_table(
    c: Ctx, code: str, members: tuple[Series, ...] | list[Series], title: str
) -> Table:
    """The numbers of a card's chart: per year (and part) the value, n, and target."""
    survey = any(is_survey(c, code, s.metric) for s in members)
    columns = [(c.t("ui.chart.year"), TEXT), (c.t("ui.chart.metric"), TEXT)]
    columns += [(c.t("ui.chart.value"), members[0].unit), ("n", "count")]
    if survey:
        columns.append((c.metric_name("ORG-5", "response_rate"), "share"))
    columns.append((c.t("ui.target.label"), members[0].unit))
    rates = survey_rates(c) if survey else {}
    rows = []
    for s in members:
        for row in s.rows:
            hidden = bool(row["suppressed"]) or not honesty.recorded(s.unit, row["n"], row["value"])
            value = point_text(code, s, row, c.lang) if hidden else row["value"]
            cells = [int(row["year"]), s.label, value, row["n"]]
            if survey:
                cells.append(rates.get(int(row["year"])))
            rows.append(cells + [row["target"]])
    return table(title, columns, rows)


def suppressed_years(members: tuple[Series, ...] | list[Series]) -> list[int]:
    return sorted({int(y) for s in members for y in s.frame.loc[s.frame["suppressed"], "year"]})


def render_card(c: Ctx, card: Card) -> None:
    """One indicator: name, data class, caveat, metric cards, trend and breakdown charts."""
    with st.container(border=True):
        title, badge = st.columns([3, 1])
        title.subheader(f"{card.code} · {card.name}", anchor=False)
        with badge:
            widgets.data_class_badge(c, card.data_class)
        text = indicator_caveat(c, card.code)
        if text:
            widgets.caveat(text)
        if not card.has_data:
            st.info(
                " ".join(card.notes) or c.t("ui.empty.indicator"), icon=":material/upload_file:"
            )
            return
        shown = shown_metrics(card)
        numbers, chart = (
            st.columns(2, gap="medium") if card.trend_figure else (st.container(), None)
        )
        with numbers:
            per_row = 2 if card.trend_figure else 4
            for start in range(0, len(shown), per_row):
                for column, s in zip(st.columns(per_row), shown[start : start + per_row]):
                    with column:
                        metric_card(c, card.code, s)
        if card.trend_figure and card.trend is not None:
            with chart:
                st.markdown(f"**{c.t('ui.headline.series', label=card.trend.label)}**")
                widgets.chart(
                    c,
                    card.trend_figure,
                    f"trend:{card.code}",
                    series_table(c, card.code, [card.trend], card.trend.label),
                )
        for family in card.family_charts:
            members = card.families[family.name]
            st.markdown(f"**{family.title}**")
            widgets.chart(
                c,
                family.figure,
                f"family:{card.code}:{family.name}",
                series_table(c, card.code, members, family.title),
            )
            if any(is_survey(c, card.code, s.metric) for s in members):
                st.caption(" · ".join(survey_lines(c, card.code, members)))
            hidden = suppressed_years(members)
            if hidden:
                years = ", ".join(str(y) for y in hidden)
                st.caption(c.t("ui.figure.suppressed_years", years=years))


def survey_lines(c: Ctx, code: str, members: tuple[Series, ...] | list[Series]) -> list[str]:
    """Per survey year the n of the chart's figures (a range when items differ) and the
    response rate, so no survey figure stands without them."""
    by_year: dict[int, list[int]] = {}
    for s in members:
        for row in s.rows:
            if not pd.isna(row["n"]):
                by_year.setdefault(int(row["year"]), []).append(int(row["n"]))
    lines = []
    for year in sorted({int(y) for s in members for y in s.known["year"]}):
        ns = by_year.get(year)
        if not ns:
            continue
        n = str(min(ns)) if min(ns) == max(ns) else f"{min(ns)}–{max(ns)}"
        lines.append(survey_basis(c, year, n))
    return lines


@st.cache_data(show_spinner=False, max_entries=64)
def _recipient_cards(
    db: str,
    version: str,
    indicators: str,
    cluster_id: str,
    recipient: str,
    years: tuple[int, int],
    lang: str,
    _registry: Registry,
) -> list[Card]:
    rows = _results(db, version, indicators, cluster_id, lang, _registry)
    goals = targets_frame(run_cached(db, version, target(list_targets), (cluster_id,), ()))
    return [
        with_figures(
            card,
            _registry.get(card.code),
            recipient=recipient,
            lang=lang,
            target_label=t("ui.target.label", lang),
            suppressed_label=t("ui.suppressed_short", lang),
        )
        for card in cards(rows, goals, _registry, recipient=recipient, years=years, lang=lang)
    ]


def render_recipient(c: Ctx, recipient: str) -> None:
    """A value-recipient page: every Table-3 indicator of ``recipient`` as a card."""
    widgets.header(c, recipient)
    widgets.caveat(c.t("ui.caveat.table3"))
    if widgets.no_data_yet(
        c, ("members", "events", "participants", "projects", "outcomes", "survey")
    ):
        return
    downloads.export_buttons(c)
    shown = _recipient_cards(
        c.db, c.version, c.registry.token, c.cluster_id, recipient, c.years, c.lang, c.registry
    )
    if not any(card.has_data for card in shown):
        st.info(c.t("ui.empty.recipient"), icon=":material/upload_file:")
    for card in shown:
        render_card(c, card)


def results_of(c: Ctx, code: str, metric_prefix: str = "") -> pd.DataFrame:
    """Results of one indicator within the selected years, optionally of metrics by prefix."""
    return _indicator_rows(results(c), code, c.years, metric_prefix)


def _indicator_rows(
    rows: pd.DataFrame, code: str, years: tuple[int, int] | None, metric_prefix: str = ""
) -> pd.DataFrame:
    first, last = years or (0, 0)
    rows = rows[(rows["code"] == code) & rows["year"].between(first, last)]
    return rows[rows["metric"].str.startswith(metric_prefix)] if metric_prefix else rows
