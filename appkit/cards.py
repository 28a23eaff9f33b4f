"""Indicator results as pages show them: the cached results, a metric's card (latest value,
change, values per year, n, target) and an indicator's card with its caveat and charts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from appkit import downloads, widgets
from appkit.connection import cached, connection, run_cached, target
from appkit.context import Ctx
from charts.indicator_view import Card, Series, cards, results_frame, targets_frame, with_figures
from charts.units import PERCENT_UNITS, format_value
from i18n import format as fmt
from i18n import t
from indicators.compute import compute
from indicators.registry import REGISTRY
from indicators.targets import list_targets


@st.cache_data(show_spinner=False, max_entries=64)
def _results(db: str, version: str, cluster_id: str, lang: str) -> pd.DataFrame:
    cur = connection(db).cursor()
    try:
        return results_frame(compute(cur, cluster_id, lang=lang))
    finally:
        cur.close()


def results(c: Ctx) -> pd.DataFrame:
    """Every indicator result of the cluster for every year, as a DataFrame (cached)."""
    return _results(c.db, c.version, c.cluster_id, c.lang)


def targets(c: Ctx) -> pd.DataFrame:
    return targets_frame(cached(c, list_targets, c.cluster_id))


def indicator_caveat(code: str, lang: str) -> str | None:
    """The registry's caveat of an indicator in ``lang`` (None for codes it does not know)."""
    entry = REGISTRY.get(code)
    if entry is None:
        return None
    return entry.caveat_en if lang == "en" else entry.caveat_fi


def change_text(s: Series, lang: str) -> str | None:
    """Change from the previous known year: percentage points for shares, else the unit."""
    latest, previous = s.latest, s.previous
    if latest is None or previous is None or pd.isna(latest["value"]) or pd.isna(previous["value"]):
        return None
    diff = float(latest["value"]) - float(previous["value"])
    if s.unit in PERCENT_UNITS:
        text = t("ui.unit.points", lang, value=fmt.number(abs(diff) * 100, lang, 1))
    else:
        text = format_value(abs(diff), s.unit, lang)
    return ("+" if diff >= 0 else "−") + text


def trend_text(s: Series, lang: str) -> str:
    """The metric's values per year on one line (``2023: 15 · 2024: 28``), readable unaided."""
    return " · ".join(
        f"{year}: {t('ui.suppressed_short', lang) if hidden else format_value(value, s.unit, lang)}"
        for year, value, hidden in zip(s.known["year"], s.known["value"], s.known["suppressed"])
    )


def metric_card(c: Ctx, s: Series) -> None:
    """A metric's latest value, change from the year before, its values per year, n and target."""
    latest = s.latest
    if latest is None:
        st.metric(s.label, "–")
        note = next((n for n in s.frame["note"].dropna()), None)
        if note:
            st.caption(note)
        return
    value = (
        c.t("ui.suppressed")
        if latest["suppressed"]
        else format_value(latest["value"], s.unit, c.lang)
    )
    st.metric(s.label, value, delta=change_text(s, c.lang), delta_color="off", delta_arrow="off")
    facts = [trend_text(s, c.lang)]
    if not pd.isna(latest["n"]):
        facts.append(f"n = {format_value(latest['n'], 'count', c.lang)}")
    if not pd.isna(latest["target"]):
        facts.append(c.t("ui.target.value", value=format_value(latest["target"], s.unit, c.lang)))
    st.caption(" · ".join(facts))


def render_card(c: Ctx, card: Card) -> None:
    """One indicator: name, data class, caveat, metric cards, trend and breakdown charts."""
    with st.container(border=True):
        title, badge = st.columns([3, 1])
        title.subheader(f"{card.code} · {card.name}", anchor=False)
        with badge:
            widgets.data_class_badge(c, card.data_class)
        text = indicator_caveat(card.code, c.lang)
        if text:
            widgets.caveat(text)
        if not card.has_data:
            st.info(
                " ".join(card.notes) or c.t("ui.empty.indicator"), icon=":material/upload_file:"
            )
            return
        shown = [s for s in card.headline if s.latest is not None] or list(card.headline)
        numbers, chart = (
            st.columns(2, gap="medium") if card.trend_figure else (st.container(), None)
        )
        with numbers:
            per_row = 2 if card.trend_figure else 4
            for start in range(0, len(shown), per_row):
                for column, s in zip(st.columns(per_row), shown[start : start + per_row]):
                    with column:
                        metric_card(c, s)
        if card.trend_figure:
            with chart:
                widgets.plot(card.trend_figure, key=f"trend:{card.code}")
        for family in card.family_charts:
            st.markdown(f"**{family.title}**")
            widgets.plot(family.figure, key=f"family:{card.code}:{family.name}")
            if family.legend:
                st.caption(family.legend)
            if family.suppressed:
                st.caption(c.t("ui.suppressed_note"))


@st.cache_data(show_spinner=False, max_entries=64)
def _recipient_cards(
    db: str, version: str, cluster_id: str, recipient: str, years: tuple[int, int], lang: str
) -> list[Card]:
    rows = _results(db, version, cluster_id, lang)
    goals = targets_frame(run_cached(db, version, target(list_targets), (cluster_id,), ()))
    return [
        with_figures(
            card,
            recipient=recipient,
            lang=lang,
            target_label=t("ui.target.label", lang),
            suppressed_label=t("ui.suppressed_short", lang),
        )
        for card in cards(
            rows, goals, recipient=recipient, years=years, lang=lang, order=list(REGISTRY)
        )
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
    shown = _recipient_cards(c.db, c.version, c.cluster_id, recipient, c.years, c.lang)
    if not any(card.has_data for card in shown):
        st.info(c.t("ui.empty.recipient"), icon=":material/upload_file:")
    for card in shown:
        render_card(c, card)


def results_of(c: Ctx, code: str, metric_prefix: str = "") -> pd.DataFrame:
    """Results of one indicator within the selected years, optionally of metrics by prefix."""
    rows = results(c)
    first, last = c.years or (0, 0)
    rows = rows[(rows["code"] == code) & rows["year"].between(first, last)]
    return rows[rows["metric"].str.startswith(metric_prefix)] if metric_prefix else rows
