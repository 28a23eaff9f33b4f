"""Klusterit rinnakkain / Clusters side by side: a city or region with several clusters sees
each one's funding, reach and results per year on one page, by the same honesty rules."""

from __future__ import annotations

import streamlit as st

from appkit import headline, widgets
from appkit.connection import cached
from appkit.frame import current
from data.clusters import clusters, display_names
from indicators.years import data_years


def main() -> None:
    c = current()
    widgets.header(c, "clusters")
    known = display_names(cached(c, clusters), c.lang)
    spans = {cid: cached(c, data_years, cid) for cid in known}
    spans = {cid: span for cid, span in spans.items() if span is not None}
    if not spans:
        widgets.empty(c, ("members", "events", "participants", "funding", "outcomes"))
        return
    if len(spans) < 2:
        st.info(c.t("ui.clusters.only_one"), icon=":material/info:")
        return
    years = (min(s[0] for s in spans.values()), max(s[1] for s in spans.values()))
    answers = {cid: headline.board_headline(c, years[1], years, cid) for cid in spans}
    headline.compare(c, answers, known)
    widgets.caveat(c.t("ui.clusters.caveat"))


main()
