"""Jäsenet / Members: tier × engagement, retention, tenure, followers, paying but passive."""

from __future__ import annotations

import streamlit as st

from appkit import cards, panels, widgets
from appkit.connection import cached
from appkit.frame import current
from charts import figures
from charts.table import TEXT, columns_of, pivoted
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
        widgets.chart(
            c,
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
            "members_levels",
            pivoted(
                c.t("ui.members.levels"),
                level_rows,
                index="year",
                index_header=c.t("ui.chart.year"),
                series="level",
                value="value",
                labels=panels.level_names(c),
                unit="count",
                order=LEVELS,
            ),
        )
        widgets.caveat(c.t("ui.caveat.engagement"))

    flow = widgets.frame(cached(c, bd.retention, c.cluster_id, c.years))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(c.t("ui.members.retention"), anchor=False)
        retention = {"retention_rate": c.metric_name("ORG-1", "retention_rate")}
        moves = {
            "new_members": c.metric_name("ORG-1", "new_members"),
            "members_left": c.metric_name("ORG-1", "members_left"),
        }
        widgets.chart(
            c,
            figures.lines(flow, x="year", unit="share", lang=c.lang, columns=retention),
            "members_retention",
            columns_of(
                c.t("ui.members.retention"),
                flow,
                [("year", c.t("ui.chart.year"), TEXT)]
                + [(col, name, "share") for col, name in retention.items()]
                + [(col, name, "count") for col, name in moves.items()],
            ),
        )
        widgets.plot(
            figures.side_by_side(flow, x="year", unit="count", lang=c.lang, columns=moves),
            key="members_flow",
        )
    with right:
        st.subheader(c.t("ui.members.followers"), anchor=False)
        followers = widgets.frame(cached(c, bd.followers_vs_members, c.cluster_id, c.years))
        kinds = {
            "members": c.t("ui.members.members"),
            "followers": c.t("ui.members.followers_label"),
        }
        widgets.chart(
            c,
            figures.side_by_side(followers, x="year", unit="count", lang=c.lang, columns=kinds),
            "members_followers",
            columns_of(
                c.t("ui.members.followers"),
                followers,
                [("year", c.t("ui.chart.year"), TEXT)]
                + [(col, name, "count") for col, name in kinds.items()],
            ),
        )
        st.subheader(c.t("ui.members.tenure", year=year), anchor=False)
        tenure = widgets.frame(cached(c, bd.tenure_distribution, c.cluster_id, year))
        tenure = tenure.assign(
            x=tenure["band"].map(lambda b: c.t(f"analytics.tenure.{b}")), s="members"
        )
        widgets.chart(
            c,
            figures.stacked_bars(
                tenure,
                x="x",
                series="s",
                value="members",
                unit="count",
                lang=c.lang,
                labels={"members": c.t("ui.members.members")},
            ),
            "members_tenure",
            columns_of(
                c.t("ui.members.tenure", year=year),
                tenure,
                [("x", c.t("ui.members.tenure", year=year), TEXT)]
                + [("members", c.t("ui.members.members"), "count")],
            ),
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
            widgets.table(
                c,
                passive,
                {
                    "name": "ui.column.organisation",
                    "tier": "ui.column.tier",
                    "annual_fee_eur": "ui.column.annual_fee",
                },
                units={"annual_fee_eur": "eur"},
            )


main()
