"""Tapahtumat / Events: events by type and year, participation trend and by organisation type."""

from __future__ import annotations

import streamlit as st

from appkit import panels, widgets
from appkit.connection import cached
from appkit.frame import current
from charts import figures
from charts.table import pivoted
from indicators import breakdowns as bd
from indicators.present import enum_label


def main() -> None:
    c = current()
    widgets.header(c, "events")
    if widgets.no_data_yet(c, ("events", "participants")):
        return
    by_type = widgets.frame(cached(c, bd.events_by_type, c.cluster_id, c.years))
    if by_type.empty:
        widgets.empty(c, ("events", "participants"))
        return
    totals = by_type.groupby("event_type")["events"].sum().sort_values(ascending=False)
    types = list(totals.index)
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(c.t("ui.events.by_type"), anchor=False)
        type_names = {k: enum_label("event_type", k, c.lang) for k in types}
        widgets.chart(
            c,
            figures.matrix(
                by_type,
                rows="event_type",
                cols="year",
                value="events",
                row_order=types,
                col_order=sorted(by_type["year"].unique()),
                col_labels={},
                lang=c.lang,
                row_labels=type_names,
            ),
            "events_by_type",
            pivoted(
                c.t("ui.events.by_type"),
                by_type,
                index="year",
                index_header=c.t("ui.chart.year"),
                series="event_type",
                value="events",
                labels=type_names,
                unit="count",
                order=types,
            ),
        )
        widgets.caveat(c.t("ui.caveat.events"))
    with right:
        st.subheader(c.t("ui.overview.participation"), anchor=False)
        trend = widgets.frame(cached(c, bd.participation_trend, c.cluster_id, c.years))
        panels.participation_lines(c, trend, key="events_trend")

    st.subheader(c.t("ui.events.helix"), anchor=False)
    helix = widgets.frame(cached(c, bd.participation_by_org_type, c.cluster_id, c.years))
    if helix.empty:
        widgets.empty(c, ("participants",))
        return
    grouped = helix.groupby(["year", "helix"], as_index=False)[
        ["organisations", "person_participations"]
    ].sum()
    order = [*bd.HELIX_GROUPS, "other"]
    names = {g: c.t(f"analytics.helix.{g}") for g in order}
    helix_charts = (  # column of the breakdown, its ORG-4 metric, the chart's key
        ("organisations", "participating_orgs", "events_helix_orgs"),
        ("person_participations", "person_participations", "events_helix_people"),
    )
    for column, (value, metric, key) in zip(st.columns(2, gap="large"), helix_charts):
        with column:
            st.markdown(f"**{c.metric_name('ORG-4', metric)}**")
            widgets.chart(
                c,
                figures.stacked_bars(
                    grouped,
                    x="year",
                    series="helix",
                    value=value,
                    labels=names,
                    unit="count",
                    lang=c.lang,
                    order=order,
                ),
                key,
                pivoted(
                    c.metric_name("ORG-4", metric),
                    grouped,
                    index="year",
                    index_header=c.t("ui.chart.year"),
                    series="helix",
                    value=value,
                    labels=names,
                    unit="count",
                    order=order,
                ),
            )
    widgets.caveat(c.t("ui.caveat.helix"))


main()
