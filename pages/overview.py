"""Yleiskuva / Overview: the city board's few charts, each with the cookbook's caveat."""

from __future__ import annotations

import streamlit as st

from indicators import breakdowns as bd
from indicators.survey import item_stats, response_rates
from pages import _shared as sh
from ui.labels import label, part_label
from ui.stories import story_line
from ui.units import format_value

HEADLINE_ITEMS = ("A6", "N3", "A7")  # survey items that sum up the members' view


def funding(c: sh.Ctx) -> None:
    st.subheader(c.t("ui.overview.funding"), anchor=False)
    rows = sh.frame(sh.cached(bd.funding_by_group, c.cluster_id, c.years))
    if rows.empty or not (rows["paid_eur"].sum() or rows["committed_eur"].sum()):
        sh.empty(c, ("funding",))
        return
    sh.funding_status(c, rows, key="overview_funding")


def members(c: sh.Ctx) -> None:
    year = c.years[1]
    st.subheader(c.t("ui.overview.members", year=year), anchor=False)
    rows = sh.frame(sh.cached(bd.tier_engagement, c.cluster_id, year))
    if rows.empty or not rows["members"].sum():
        sh.empty(c, ("members",))
        return
    sh.tier_matrix(c, rows, key="overview_members")


def participation(c: sh.Ctx) -> None:
    st.subheader(c.t("ui.overview.participation"), anchor=False)
    rows = sh.frame(sh.cached(bd.participation_trend, c.cluster_id, c.years))
    if rows.empty or not rows["events"].sum():
        sh.empty(c, ("events", "participants"))
        return
    sh.participation_lines(
        c,
        rows,
        key="overview_participation",
        columns=("person_participations", "participating_orgs"),
    )


def stories(c: sh.Ctx) -> None:
    st.subheader(c.t("ui.overview.stories"), anchor=False)
    rows = sh.cached(bd.success_stories, c.cluster_id, c.years, role=c.role)
    if not rows:
        sh.empty(c, ("outcomes",))
        return
    for story in rows[:4]:
        st.markdown(story_line(story, c.lang))
    sh.caveat(c.t("ui.caveat.stories"))


def survey(c: sh.Ctx) -> None:
    st.subheader(c.t("ui.overview.survey"), anchor=False)
    rates = sh.frame(sh.cached(response_rates, c.cluster_id, c.years))
    if rates.empty:
        sh.empty(c, ("survey",))
        return
    latest = rates.iloc[-1]
    year = int(latest["year"])
    items = sh.frame(sh.cached(item_stats, c.cluster_id, (year, year)))
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
    for column, code in zip(st.columns(len(HEADLINE_ITEMS)), HEADLINE_ITEMS):
        row = items[items["item_code"] == code]
        with column:
            if row.empty:
                st.metric(code, "–")
                continue
            item = row.iloc[0]
            value = (
                c.t("ui.suppressed")
                if item["suppressed"]
                else format_value(item["mean"], "score", c.lang)
            )
            st.metric(f"{code} · {c.t('ui.survey.mean_of_5')}", value)
            st.caption(
                f"{part_label(code, c.lang)} · n = {format_value(item['n'], 'count', c.lang)}"
            )
    sh.caveat(c.t("ui.caveat.survey"))


def regional(c: sh.Ctx) -> None:
    st.subheader(c.t("ui.overview.regional"), anchor=False)
    rows = sh.frame(sh.cached(bd.regional_series, c.cluster_id, c.years))
    if rows.empty:
        sh.empty(c, ("regional",))
        return
    measures = list(rows["measure"].unique())
    first = "population" if "population" in measures else measures[0]
    part = rows[rows["measure"] == first]
    sources = ", ".join(sorted(set(part["source"].dropna())))
    st.caption(
        " · ".join(
            filter(
                None, [label("measure", first, c.lang), ", ".join(part["region"].unique()), sources]
            )
        )
    )
    sh.regional_lines(c, part, key="overview_regional", name=label("measure", first, c.lang))
    sh.caveat(c.t("analytics.regional.context_note"))


def main() -> None:
    c = sh.current()
    sh.header(c, "overview")
    if sh.no_data_yet(c, ("members", "events", "participants", "funding", "outcomes", "survey")):
        return
    sh.export_buttons(c, board=True)
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
