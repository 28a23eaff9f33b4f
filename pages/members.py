"""Jäsenet / Members: tier × engagement, retention, tenure, followers, paying but passive."""

from __future__ import annotations

import streamlit as st

from appkit import cards, panels, widgets
from appkit.connection import cached
from appkit.frame import current
from charts import figures
from charts.units import format_value
from indicators import breakdowns as bd
from indicators.engagement import LEVELS


def main() -> None:
    c = current()
    widgets.header(c, "members")
    if widgets.no_data_yet(c, ("members",)):
        return
    year = c.years[1]
    matrix = widgets.frame(cached(c, bd.tier_engagement, c.cluster_id, year))
    if matrix.empty or not matrix["members"].sum():
        widgets.empty(c, ("members",))
        return
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(c.t("ui.members.matrix", year=year), anchor=False)
        panels.tier_matrix(c, matrix, key="members_matrix")
    with right:
        st.subheader(c.t("ui.members.levels"), anchor=False)
        level_rows = cards.results_of(c, "ORG-1", "engagement_")
        level_rows = level_rows.assign(level=level_rows["metric"].str.removeprefix("engagement_"))
        widgets.plot(
            figures.stacked_bars(
                level_rows,
                x="year",
                series="level",
                value="value",
                labels=panels.level_names(c),
                unit="count",
                lang=c.lang,
                order=LEVELS,
            ),
            key="members_levels",
        )
        widgets.caveat(c.t("ui.caveat.engagement"))

    flow = widgets.frame(cached(c, bd.retention, c.cluster_id, c.years))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(c.t("ui.members.retention"), anchor=False)
        widgets.plot(
            figures.lines(
                flow,
                x="year",
                unit="share",
                lang=c.lang,
                columns={"retention_rate": c.metric_name("ORG-1", "retention_rate")},
            ),
            key="members_retention",
        )
        widgets.plot(
            figures.side_by_side(
                flow,
                x="year",
                unit="count",
                lang=c.lang,
                columns={
                    "new_members": c.metric_name("ORG-1", "new_members"),
                    "members_left": c.metric_name("ORG-1", "members_left"),
                },
            ),
            key="members_flow",
        )
    with right:
        st.subheader(c.t("ui.members.followers"), anchor=False)
        followers = widgets.frame(cached(c, bd.followers_vs_members, c.cluster_id, c.years))
        widgets.plot(
            figures.side_by_side(
                followers,
                x="year",
                unit="count",
                lang=c.lang,
                columns={
                    "members": c.t("ui.members.members"),
                    "followers": c.t("ui.members.followers_label"),
                },
            ),
            key="members_followers",
        )
        st.subheader(c.t("ui.members.tenure", year=year), anchor=False)
        tenure = widgets.frame(cached(c, bd.tenure_distribution, c.cluster_id, year))
        tenure = tenure.assign(
            x=tenure["band"].map(lambda b: c.t(f"analytics.tenure.{b}")), s="members"
        )
        widgets.plot(
            figures.stacked_bars(
                tenure,
                x="x",
                series="s",
                value="members",
                unit="count",
                lang=c.lang,
                labels={"members": c.t("ui.members.members")},
            ),
            key="members_tenure",
        )

    if c.is_manager:
        st.subheader(c.t("analytics.members.paying_passive"), anchor=False)
        widgets.caveat(c.t("analytics.members.paying_passive_note"))
        passive = widgets.frame(
            cached(c, bd.paying_but_passive, c.cluster_id, year, role=c.role),
            ["name", "tier", "annual_fee_eur"],
        )
        if passive.empty:
            st.caption(c.t("ui.members.no_paying_passive", year=year))
        else:
            passive["annual_fee_eur"] = [
                format_value(v, "eur", c.lang) for v in passive["annual_fee_eur"]
            ]
            widgets.table(
                c,
                passive,
                {
                    "name": "ui.column.organisation",
                    "tier": "ui.column.tier",
                    "annual_fee_eur": "ui.column.annual_fee",
                },
            )


main()
