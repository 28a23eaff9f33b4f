"""Aluekehitys / Regional context: external statistics the cluster cannot claim as its effect."""

from __future__ import annotations

import streamlit as st

from appkit import panels, widgets
from appkit.frame import current
from appkit.markdown import escape
from indicators.present import enum_label, regional_source, regional_unit


def main() -> None:
    c = current()
    widgets.header(c, "regional")
    st.warning(c.t("analytics.regional.context_note"), icon=":material/travel_explore:")
    if widgets.no_data_yet(c, ("regional",)):
        return
    rows = panels.regional_rows(c)
    if rows.empty:
        widgets.empty(c, ("regional",))
        return
    measures = list(dict.fromkeys(rows["measure"]))
    columns = st.columns(2, gap="large")
    for index, measure in enumerate(measures):
        part = rows[rows["measure"] == measure]
        units = part["unit"].dropna()
        unit = escape(regional_unit(str(units.iloc[0]), c.lang)) if len(units) else ""
        sources = ", ".join(
            sorted({escape(regional_source(s, c.lang)) for s in part["source"].dropna()})
        )
        with columns[index % 2]:
            st.subheader(escape(enum_label("measure", measure, c.lang)), anchor=False)
            panels.regional_lines(c, part, key=f"regional:{measure}")
            st.caption(
                " · ".join(
                    x
                    for x in (unit, c.t("ui.regional.source", source=sources) if sources else "")
                    if x
                )
            )


main()
