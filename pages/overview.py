"""Yleiskuva / Overview: the board's answer for the year first (inputs → activity → results,
targets, data as of), then the few charts behind it, each with its numbers and caveat."""

from __future__ import annotations

import streamlit as st

from appkit import downloads, headline, panels, widgets
from appkit.connection import cached
from appkit.context import Ctx
from appkit.frame import current
from appkit.markdown import escape
from appkit.stories import story_line
from indicators import breakdowns as bd
from indicators.present import enum_label, format_value, item_text, regional_source
from indicators.survey import item_stats, response_rates

HEADLINE_ITEMS = ("A6", "N3", "A7")  # survey items that sum up the members' view


def funding(c: Ctx) -> None:
    st.subheader(c.t("ui.overview.funding"), anchor=False)
    rows = widgets.frame(cached(c, bd.funding_by_group, c.cluster_id, c.years))
    if rows.empty or not (rows["paid_eur"].sum() or rows["committed_eur"].sum()):
        widgets.empty(c, ("funding",))
        return
    panels.funding_status(c, rows, key="overview_funding")


def members(c: Ctx) -> None:
    year = c.years[1]
    st.subheader(c.t("ui.overview.members", year=year), anchor=False)
    rows = widgets.frame(cached(c, bd.tier_engagement, c.cluster_id, year))
    if rows.empty or not rows["members"].sum():
        widgets.empty(c, ("members",))
        return
    panels.tier_matrix(c, rows, key="overview_members")


def participation(c: Ctx) -> None:
    st.subheader(c.t("ui.overview.participation"), anchor=False)
    rows = widgets.frame(cached(c, bd.participation_trend, c.cluster_id, c.years))
    if rows.empty or not rows["events"].sum():
        widgets.empty(c, ("events", "participants"))
        return
    panels.participation_lines(c, rows, key="overview_participation")


def stories(c: Ctx) -> None:
    st.subheader(c.t("ui.overview.stories"), anchor=False)
    rows = cached(c, bd.success_stories, c.cluster_id, c.years, role=c.role)
    if not rows:
        widgets.empty(c, ("outcomes",))
        return
    for story in rows[:4]:
        st.markdown(story_line(story, c.lang))
    widgets.caveat(c.t("ui.caveat.stories"))


def survey(c: Ctx) -> None:
    """The latest survey year's headline items, each with its n, and the response rate."""
    st.subheader(c.t("ui.overview.survey"), anchor=False)
    rates = widgets.frame(cached(c, response_rates, c.cluster_id, c.years))
    if rates.empty:
        widgets.empty(c, ("survey",))
        return
    latest = rates.iloc[-1]
    year = int(latest["year"])
    items = widgets.frame(cached(c, item_stats, c.cluster_id, (year, year)))
    st.metric(
        c.metric_name("ORG-5", "response_rate"),
        format_value(latest["response_rate"], "share", c.lang),
    )
    st.caption(
        c.t(
            "ui.survey.responses_of",
            year=year,
            responses=format_value(latest["responses"], "count", c.lang),
            invited=format_value(latest["invited"], "count", c.lang),
        )
    )
    rate = format_value(latest["response_rate"], "share", c.lang)
    for column, code in zip(st.columns(len(HEADLINE_ITEMS)), HEADLINE_ITEMS):
        row = items[items["item_code"] == code]
        with column:
            if row.empty:  # the item was not in that year's survey: named, not a bare code
                st.metric(f"{code} · {c.t('ui.survey.mean_of_5')}", "–")
                st.caption(f"{item_text(code, c.lang)} · {c.t('ui.survey.not_asked', year=year)}")
                continue
            item = row.iloc[0]
            value = (
                c.t("ui.suppressed")
                if item["suppressed"]
                else format_value(item["mean"], "score", c.lang)
            )
            st.metric(f"{code} · {c.t('ui.survey.mean_of_5')}", value)
            n = format_value(item["n"], "count", c.lang)
            st.caption(
                f"{item_text(code, c.lang)} · "
                + c.t("ui.figure.survey_basis", year=year, n=n, rate=rate)
            )
    widgets.caveat(c.t("ui.caveat.survey"))


def regional(c: Ctx) -> None:
    st.subheader(c.t("ui.overview.regional"), anchor=False)
    rows = panels.regional_rows(c)
    if rows.empty:
        widgets.empty(c, ("regional",))
        return
    measures = list(rows["measure"].unique())
    first = "population" if "population" in measures else measures[0]
    part = rows[rows["measure"] == first]
    sources = ", ".join(
        sorted({escape(regional_source(s, c.lang)) for s in part["source"].dropna()})
    )
    st.caption(
        " · ".join(
            filter(
                None,
                [enum_label("measure", first, c.lang), ", ".join(part["region"].unique()), sources],
            )
        )
    )
    panels.regional_lines(
        c, part, key="overview_regional", name=enum_label("measure", first, c.lang)
    )
    widgets.caveat(c.t("analytics.regional.context_note"))


def main() -> None:
    c = current()
    widgets.header(c, "overview")
    if widgets.no_data_yet(
        c, ("members", "events", "participants", "funding", "outcomes", "survey")
    ):
        return
    downloads.export_buttons(c, board=True)
    headline.render(c, headline.board_headline(c, c.years[1]))
    st.divider()
    st.subheader(c.t("ui.headline.details"), anchor=False)
    left, right = st.columns(2, gap="large")
    with left:
        funding(c)
        participation(c)
        survey(c)
    with right:
        members(c)
        stories(c)
        regional(c)


main()
