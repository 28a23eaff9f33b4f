"""Rahoitus / Funding: sources per year, committed vs paid, city share, 20/30/50, projects."""

from __future__ import annotations

import streamlit as st

from appkit import panels, widgets
from appkit.connection import cached
from appkit.frame import current
from charts import colours, figures
from charts.table import TEXT, columns_of, pivoted
from indicators import breakdowns as bd
from indicators.present import enum_label


def main() -> None:
    c = current()
    widgets.header(c, "funding")
    if widgets.no_data_yet(c, ("funding", "projects")):
        return
    sources = widgets.frame(cached(c, bd.funding_by_source, c.cluster_id, c.years))
    if sources.empty:
        widgets.empty(c, ("funding",))
        return
    groups = widgets.frame(cached(c, bd.funding_by_group, c.cluster_id, c.years))
    summary = widgets.frame(cached(c, bd.funding_summary, c.cluster_id, c.years))
    source_order = [s for g in bd.GROUP_ORDER for s in bd.FUNDING_GROUPS.get(g, ())]
    source_order += sorted(set(sources["source_type"]) - set(source_order))

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(c.t("ui.funding.by_source"), anchor=False)
        names = {s: enum_label("source", s, c.lang) for s in source_order}
        widgets.chart(
            c,
            figures.stacked_bars(
                sources,
                x="year",
                series="source_type",
                value="paid_eur",
                labels=names,
                unit="eur",
                lang=c.lang,
                order=source_order,
            ),
            "funding_sources",
            pivoted(
                c.t("ui.funding.by_source"),
                sources,
                index="year",
                index_header=c.t("ui.chart.year"),
                series="source_type",
                value="paid_eur",
                labels=names,
                unit="eur",
                order=source_order,
            ),
        )
        widgets.caveat(c.t("ui.funding.paid_only"))
    with right:
        st.subheader(c.t("ui.overview.funding"), anchor=False)
        panels.funding_status(c, groups, key="funding_committed")

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(c.t("ui.funding.mix"), anchor=False)
        group_names = panels.funding_group_names(c)
        widgets.chart(
            c,
            figures.funding_mix(
                groups,
                bd.REFERENCE_MIX,
                labels=group_names,
                lang=c.lang,
                reference_label=c.t("ui.funding.reference_short"),
                order=bd.GROUP_ORDER,
                colour=colours.recipient_colour("cluster_org"),
            ),
            "funding_mix",
            pivoted(
                c.t("ui.funding.mix"),
                groups,
                index="year",
                index_header=c.t("ui.chart.year"),
                series="funding_group",
                value="share",
                labels=group_names,
                unit="share",
                order=bd.GROUP_ORDER,
            ),
        )
        widgets.caveat(c.t("analytics.funding.reference"))
    with right:
        st.subheader(c.t("ui.funding.shares"), anchor=False)
        shares = {
            "city_share": c.t("analytics.funding.city_share"),
            "project_dependency": c.t("analytics.funding.project_dependency"),
        }
        widgets.chart(
            c,
            figures.lines(summary, x="year", unit="share", lang=c.lang, columns=shares),
            "funding_shares",
            columns_of(
                c.t("ui.funding.shares"),
                summary,
                [("year", c.t("ui.chart.year"), TEXT)]
                + [(col, name, "share") for col, name in shares.items()],
            ),
        )
        widgets.caveat(c.t("ui.caveat.city_share"))
    for year in summary.loc[summary["no_base_funding"], "year"]:
        st.warning(
            c.t("analytics.funding.no_base_warning", year=int(year)), icon=":material/warning:"
        )


main()
