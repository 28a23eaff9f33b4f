"""Menestystarinat / Success stories: cards filtered by type, year and organisation; only stories
with consent to publish unless the manager asks for all."""

from __future__ import annotations

import streamlit as st

from appkit import widgets
from appkit.connection import cached
from appkit.frame import current
from appkit.stories import story_details, story_line
from indicators import breakdowns as bd
from indicators.present import enum_label


def main() -> None:
    c = current()
    widgets.header(c, "stories")
    if widgets.no_data_yet(c, ("outcomes",)):
        return
    include_all = c.is_manager and st.toggle(c.t("ui.story.include_unconsented"), key="stories_all")
    choices = cached(
        c, bd.story_filters, c.cluster_id, c.years, role=c.role, include_unconsented=include_all
    )
    if not choices["years"]:
        widgets.empty(c, ("outcomes",))
        return
    every = c.t("ui.filter.all")
    left, middle, right = st.columns(3)
    kind = left.selectbox(
        c.t("ui.filter.type"),
        [None, *choices["outcome_types"]],
        key="stories_type",
        format_func=lambda v: every if v is None else enum_label("outcome_type", v, c.lang),
    )
    year = middle.selectbox(
        c.t("ui.filter.year"),
        [None, *choices["years"][::-1]],
        key="stories_year",
        format_func=lambda v: every if v is None else str(v),
    )
    org = right.selectbox(
        c.t("ui.filter.organisation"),
        [None, *choices["organisations"]],
        key="stories_org",
        format_func=lambda v: every if v is None else v,
    )
    stories = cached(
        c,
        bd.success_stories,
        c.cluster_id,
        c.years,
        role=c.role,
        outcome_type=kind,
        year=year,
        organisation=org,
        include_unconsented=include_all,
    )
    st.caption(c.t("ui.story.count", count=len(stories)))
    widgets.caveat(c.t("ui.caveat.stories"))
    for story in stories:
        with st.container(border=True):
            st.markdown(story_line(story, c.lang))
            if story.get("description"):
                st.text(story["description"])
            facts = story_details(story, c.lang)
            if facts:
                st.caption(" · ".join(facts))
            if not story["consent_to_publish"]:
                st.badge(c.t("analytics.story.unconsented"), color="orange", icon=":material/lock:")


main()
