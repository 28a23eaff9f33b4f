"""Sidebar controls that hold on every page: language (also before sign-in), cluster and years."""

from __future__ import annotations

import streamlit as st

from appkit.connection import connection, registry, run_cached, target
from appkit.context import Ctx
from data.clusters import clusters, display_names
from data.store import default_db_path
from data.versions import data_version
from i18n import LANGS, t
from indicators.years import data_years

LANGUAGE_WIDGET = "lang_choice"
LANG_NAMES = {"fi": "Suomi", "en": "English"}


def language_control() -> str:
    """The sidebar's language switch (drawn first, also on the sign-in page); the language."""
    state = st.session_state
    state.setdefault("lang", "fi")
    with st.sidebar:
        st.radio(
            "Kieli · Language",
            LANGS,
            index=LANGS.index(state["lang"]),
            format_func=LANG_NAMES.get,
            horizontal=True,
            key=LANGUAGE_WIDGET,
            on_change=_keep_language,
        )
    return state["lang"]


def _keep_language() -> None:
    """Keep the chosen language outside the widget, so it survives navigation rebuilds."""
    st.session_state["lang"] = st.session_state[LANGUAGE_WIDGET]


def global_controls(lang: str, role: str, user: str | None) -> Ctx:
    """Sidebar controls that hold on every page: cluster and year range (after the language)."""
    db = str(default_db_path())
    cur = connection(db).cursor()
    try:
        version = data_version(cur)
    finally:
        cur.close()
    with st.sidebar:
        known = run_cached(db, version, target(clusters), (), ())
        names = display_names(known, lang)
        if len(known) > 1:
            cluster_id = st.selectbox(
                t("ui.control.cluster", lang),
                list(names),
                format_func=names.__getitem__,
                key="cluster",
            )
        else:
            cluster_id = known[0][0]
        bounds = run_cached(db, version, target(data_years), (cluster_id,), ())
        years = _year_range(bounds, cluster_id, lang)
        st.caption(t("ui.control.role", lang, role=t(f"access.role.{role}", lang)))
    return Ctx(db, version, cluster_id, names[cluster_id], years, lang, role, user, registry(db))


def _year_range(
    bounds: tuple[int, int] | None, cluster_id: str, lang: str
) -> tuple[int, int] | None:
    if bounds is None:
        st.caption(t("ui.control.no_years", lang))
        return None
    first, last = bounds
    if first == last:
        st.caption(t("ui.control.one_year", lang, year=first))
        return bounds
    chosen = st.slider(
        t("ui.control.years", lang),
        min_value=first,
        max_value=last,
        value=(first, last),
        key=f"years:{cluster_id}:{first}-{last}",
    )
    return int(chosen[0]), int(chosen[1])
