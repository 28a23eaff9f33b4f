"""Streamlit helpers every page shares: the connection, the global controls, caching and the
building blocks pages draw with (headers, caveats, empty states, metric cards, charts, the
value-recipient page renderer).

Pages stay thin: they read the context (``current()``), fetch through ``cached`` (results keyed
by database, data version, cluster, years and language) and draw.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from data.schema import SchemaTooNew
from data.store import (
    DEFAULT_CLUSTER,
    WRITE_LOCK,
    DatabaseBusy,
    default_db_path,
    ensure_cluster,
    open_db,
)
from export.board_workbook import board_workbook
from export.html_report import html_report
from export.workbook import export_workbook
from i18n import LANGS, t
from i18n import format as fmt
from indicators import breakdowns as bd
from indicators.compute import compute
from indicators.custom import CustomIndicatorError, register_installed
from indicators.engagement import LEVELS
from indicators.registry import REGISTRY
from indicators.targets import list_targets
from indicators.years import data_years
from ui import charts
from ui import context as db_context
from ui.indicator_view import Card, Series, cards, results_frame, targets_frame, with_figures
from ui.labels import metric_label
from ui.markdown import escape
from ui.units import PERCENT_UNITS, format_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LANGUAGE_WIDGET = "lang_choice"
LANG_NAMES = {"fi": "Suomi", "en": "English"}
PARTICIPATION_METRICS = {  # column of the participation trend → its ORG-4 metric
    "events": "events_held",
    "person_participations": "person_participations",
    "participating_orgs": "participating_orgs",
}
DATA_CLASS_COLOURS = {
    "ADM": "blue",
    "LOG": "violet",
    "SRV": "orange",
    "QUAL": "gray",
    "EXT": "green",
}


@dataclass(frozen=True)
class Ctx:
    """What every page needs to know: where the data is, whose and which years, for whom."""

    db: str
    version: str
    cluster_id: str
    cluster_name: str
    years: tuple[int, int] | None
    lang: str
    role: str
    user: str | None

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    def metric_name(self, code: str, metric: str) -> str:
        return metric_label(code, metric, self.lang)

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


@st.cache_resource(show_spinner=False)
def connection(db: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection to the database (queries take cursors from it)."""
    con = open_db(db)
    with WRITE_LOCK:
        if not con.execute("SELECT count(*) FROM cluster").fetchone()[0]:
            ensure_cluster(con, DEFAULT_CLUSTER)
    try:
        register_installed(con)  # the installation's own indicators, as the CLI sees them
    except CustomIndicatorError as unusable:
        st.warning(unusable.text(st.session_state.get("lang", "fi")))
    return con


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(db: str, version: str, target: str, args: tuple, kwargs: tuple) -> Any:
    module, name = target.split(":")
    func = getattr(importlib.import_module(module), name)
    cur = connection(db).cursor()
    try:
        return func(cur, *args, **dict(kwargs))
    finally:
        cur.close()


def _target(func: Callable[..., Any]) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def cached(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``func(cursor, *args, **kwargs)``, cached until the data change (keyed by data version)."""
    return cached_as_of("", func, *args, **kwargs)


def cached_as_of(token: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """As ``cached``, and also until ``token`` changes: for what the data version does not
    track (the audit log grows with every sign-in and export)."""
    c = current()
    version = f"{c.version}|{token}" if token else c.version
    return _run(c.db, version, _target(func), args, tuple(sorted(kwargs.items())))


def clear_caches() -> None:
    """Forget every computed result (after an import, an undo or a settings change)."""
    st.cache_data.clear()


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


def open_connection(lang: str) -> duckdb.DuckDBPyConnection:
    """The database connection, or the reason it is unavailable (and this run stops)."""
    try:
        return connection(str(default_db_path()))
    except DatabaseBusy as busy:  # another process (an import on the command line) holds it
        st.error(busy.message(lang), icon=":material/lock:")
        st.stop()
    except SchemaTooNew as too_new:  # written by a newer version of the program
        st.error(too_new.message(lang))
        st.stop()


def global_controls(lang: str, role: str, user: str | None) -> Ctx:
    """Sidebar controls that hold on every page: cluster and year range (after the language)."""
    db = str(default_db_path())
    cur = connection(db).cursor()
    try:
        version = db_context.data_version(cur)
    finally:
        cur.close()
    with st.sidebar:
        known = _run(db, version, _target(db_context.clusters), (), ())
        names = dict(known)
        if len(known) > 1:
            cluster_id = st.selectbox(
                t("ui.control.cluster", lang), list(names), format_func=names.get, key="cluster"
            )
        else:
            cluster_id = known[0][0]
        bounds = _run(db, version, _target(data_years), (cluster_id,), ())
        years = _year_range(bounds, cluster_id, lang)
        st.caption(t("ui.control.role", lang, role=t(f"access.role.{role}", lang)))
    ctx = Ctx(db, version, cluster_id, names[cluster_id], years, lang, role, user)
    st.session_state["ctx"] = ctx
    return ctx


def _keep_language() -> None:
    """Keep the chosen language outside the widget, so it survives navigation rebuilds."""
    st.session_state["lang"] = st.session_state[LANGUAGE_WIDGET]


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


def app_ran() -> None:
    """Make sure ``app.py`` drove this run.

    Streamlit runs a page file without ``app.py`` in its legacy ``pages/`` folder mode (a fresh
    server's first request for a page URL, and AppTest after a page switch). Then the app runs
    here first: language, sign-in gate, controls, navigation and the page the role may open;
    the bare run stops, so a page file never runs past this point on its own.
    """
    if LANGUAGE_WIDGET not in get_script_run_ctx().shared.widget_user_keys_this_run:
        import app  # app.py imports this module, so it is imported only when needed

        app.main()
        st.stop()


def current() -> Ctx:
    """The context ``global_controls`` set for this run (see ``app_ran``)."""
    app_ran()
    return st.session_state["ctx"]


def manager_only(c: Ctx) -> None:
    """Refuse a manager-only page to any other role, in the user's language, and stop."""
    if not c.is_manager:
        st.error(c.t("signin.refused_page"), icon=":material/block:")
        st.stop()


# --- building blocks ------------------------------------------------------------------------


def header(c: Ctx, page: str) -> None:
    """Page title, its one-line purpose, and the scope (cluster and years) it shows."""
    st.title(c.t(f"ui.page.{page}"))
    scope = (
        c.t("ui.scope.years", cluster=escape(c.cluster_name), first=c.years[0], last=c.years[1])
        if c.years
        else c.t("ui.scope.no_years", cluster=escape(c.cluster_name))
    )
    st.caption(f"{c.t(f'ui.intro.{page}')} · {scope}")


def caveat(text: str) -> None:
    """The cookbook's caution beside a number or chart."""
    st.caption(f":material/info: {text}")


def empty(c: Ctx, kinds: Sequence[str]) -> None:
    """The empty state: which files would fill this view, and where to upload them."""
    files = ", ".join(c.t(f"ui.file.{kind}") for kind in kinds)
    st.info(c.t("ui.empty.upload", files=files), icon=":material/upload_file:")
    if c.is_manager:
        st.page_link(
            "pages/data_import.py", label=c.t("ui.empty.go_to_data"), icon=":material/upload_file:"
        )
    else:
        st.caption(c.t("ui.empty.ask_manager"))


def no_data_yet(c: Ctx, kinds: Sequence[str]) -> bool:
    """Show the empty state and return True when the cluster has no data at all."""
    if c.years is None:
        empty(c, kinds)
        return True
    return False


def plot(fig: Any, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})


def frame(rows: list[dict[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns) if columns else None)


def table(c: Ctx, rows: pd.DataFrame, headers: Mapping[str, Any]) -> None:
    """The columns of ``rows`` named in ``headers``, in that order, each headed by the text of
    its message key (or by a ready column config, for dates and numbers)."""
    st.dataframe(
        rows[list(headers)],
        hide_index=True,
        column_config={
            column: c.t(head) if isinstance(head, str) else head for column, head in headers.items()
        },
    )


def datetime_column(c: Ctx, key: str, *, seconds: bool = False) -> Any:
    """A date-time column headed by message ``key``, in the user's language's date format."""
    day = "D.M.YYYY" if c.lang == "fi" else "YYYY-MM-DD"
    clock = "HH:mm:ss" if seconds else "HH:mm"
    return st.column_config.DatetimeColumn(c.t(key), format=f"{day} {clock}")


def data_class_badge(c: Ctx, data_class: str) -> None:
    st.badge(
        c.t(f"ui.data_class.{data_class}"),
        color=DATA_CLASS_COLOURS.get(data_class, "gray"),
        help=c.t(f"ui.data_class_help.{data_class}"),
    )


def _download(
    db: str, build: Callable[[duckdb.DuckDBPyConnection], bytes | str]
) -> Callable[[], bytes | str]:
    """A download built on click (in its own thread, with its own cursor)."""

    def run() -> bytes | str:
        cur = connection(db).cursor()
        try:
            return build(cur)
        finally:
            cur.close()

    return run


def export_buttons(c: Ctx, *, board: bool = False) -> None:
    """Download buttons: the indicator workbook, and on the overview the board report as HTML
    and as a workbook with charts. Files are built only when clicked."""
    cluster_id, years, lang, user = c.cluster_id, c.years, c.lang, c.user
    buttons = [
        ("workbook", XLSX, lambda cur: export_workbook(cur, cluster_id, lang=lang, user=user))
    ]
    if board:
        buttons += [
            ("report", "text/html", lambda cur: html_report(cur, cluster_id, years, lang)),
            (
                "board_workbook",
                XLSX,
                lambda cur: board_workbook(cur, cluster_id, years, lang, user=user),
            ),
        ]
    for column, (name, mime, build) in zip(st.columns(len(buttons)), buttons):
        with column:
            st.download_button(
                c.t(f"ui.export.{name}"),
                _download(c.db, build),
                file_name=c.t(f"ui.export.{name}_file"),
                mime=mime,
                icon=":material/download:",
                on_click="ignore",
                key=f"export_{name}",
                width="stretch",
            )


# --- charts more than one page draws ------------------------------------------------------


def level_names(c: Ctx) -> dict[str, str]:
    """Engagement level → its name in the user's language."""
    return {lv: c.t(f"ui.level.{lv}") for lv in LEVELS}


def funding_group_names(c: Ctx) -> dict[str, str]:
    """Funding group → its name in the user's language."""
    return {g: c.t(f"analytics.funding_group.{g}") for g in bd.GROUP_ORDER}


def tier_matrix(c: Ctx, rows: pd.DataFrame, key: str) -> None:
    """Members by tier × engagement level in one year (``bd.tier_engagement``), with caveat."""
    rows = rows.assign(tier=rows["tier"].fillna(c.t("ui.members.no_tier")))
    plot(
        charts.matrix(
            rows,
            rows="tier",
            cols="level",
            value="members",
            row_order=list(dict.fromkeys(rows["tier"])),
            col_order=LEVELS,
            col_labels=level_names(c),
            lang=c.lang,
        ),
        key=key,
    )
    caveat(c.t("ui.caveat.members"))


def funding_status(c: Ctx, rows: pd.DataFrame, key: str) -> None:
    """Paid vs committed funding per group and year (``bd.funding_by_group``), with caveat."""
    plot(
        charts.paid_vs_committed(
            rows,
            series="funding_group",
            labels=funding_group_names(c),
            status_labels={
                "paid_eur": c.t("analytics.funding.paid"),
                "committed_eur": c.t("analytics.funding.committed"),
            },
            lang=c.lang,
            order=bd.GROUP_ORDER,
        ),
        key=key,
    )
    caveat(c.t("ui.caveat.funding"))


def participation_lines(
    c: Ctx, rows: pd.DataFrame, key: str, columns: Sequence[str] = tuple(PARTICIPATION_METRICS)
) -> None:
    """The ``columns`` of ``bd.participation_trend`` as lines over the years, with caveat."""
    plot(
        charts.lines(
            rows,
            x="year",
            unit="count",
            lang=c.lang,
            columns={col: c.metric_name("ORG-4", PARTICIPATION_METRICS[col]) for col in columns},
        ),
        key=key,
    )
    caveat(c.t("ui.caveat.participation"))


def regional_lines(c: Ctx, part: pd.DataFrame, key: str, name: str = "") -> None:
    """One measure of ``bd.regional_series`` as a line per region (``name · region`` when named);
    the axis starts near the data, as context series do."""
    wide = part.pivot_table(index="year", columns="region", values="value").reset_index()
    plot(
        charts.lines(
            wide,
            x="year",
            unit="count",
            lang=c.lang,
            columns={r: f"{name} · {r}" if name else r for r in wide.columns[1:]},
            from_zero=False,
        ),
        key=key,
    )


# --- indicator results ----------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def _results(db: str, version: str, cluster_id: str, lang: str) -> pd.DataFrame:
    cur = connection(db).cursor()
    try:
        return results_frame(compute(cur, cluster_id, lang=lang))
    finally:
        cur.close()


def results(c: Ctx) -> pd.DataFrame:
    """Every indicator result of the cluster for every year, as a DataFrame (cached)."""
    return _results(c.db, c.version, c.cluster_id, c.lang)


def targets(c: Ctx) -> pd.DataFrame:
    return targets_frame(cached(list_targets, c.cluster_id))


def indicator_caveat(code: str, lang: str) -> str | None:
    """The registry's caveat of an indicator in ``lang`` (None for codes it does not know)."""
    entry = REGISTRY.get(code)
    if entry is None:
        return None
    return entry.caveat_en if lang == "en" else entry.caveat_fi


def change_text(s: Series, lang: str) -> str | None:
    """Change from the previous known year: percentage points for shares, else the unit."""
    latest, previous = s.latest, s.previous
    if latest is None or previous is None or pd.isna(latest["value"]) or pd.isna(previous["value"]):
        return None
    diff = float(latest["value"]) - float(previous["value"])
    if s.unit in PERCENT_UNITS:
        text = t("ui.unit.points", lang, value=fmt.number(abs(diff) * 100, lang, 1))
    else:
        text = format_value(abs(diff), s.unit, lang)
    return ("+" if diff >= 0 else "−") + text


def trend_text(s: Series, lang: str) -> str:
    """The metric's values per year on one line (``2023: 15 · 2024: 28``), readable unaided."""
    return " · ".join(
        f"{year}: {t('ui.suppressed_short', lang) if hidden else format_value(value, s.unit, lang)}"
        for year, value, hidden in zip(s.known["year"], s.known["value"], s.known["suppressed"])
    )


def metric_card(c: Ctx, s: Series) -> None:
    """A metric's latest value, change from the year before, its values per year, n and target."""
    latest = s.latest
    if latest is None:
        st.metric(s.label, "–")
        note = next((n for n in s.frame["note"].dropna()), None)
        if note:
            st.caption(note)
        return
    value = (
        c.t("ui.suppressed")
        if latest["suppressed"]
        else format_value(latest["value"], s.unit, c.lang)
    )
    st.metric(s.label, value, delta=change_text(s, c.lang), delta_color="off", delta_arrow="off")
    facts = [trend_text(s, c.lang)]
    if not pd.isna(latest["n"]):
        facts.append(f"n = {format_value(latest['n'], 'count', c.lang)}")
    if not pd.isna(latest["target"]):
        facts.append(c.t("ui.target.value", value=format_value(latest["target"], s.unit, c.lang)))
    st.caption(" · ".join(facts))


def render_card(c: Ctx, card: Card) -> None:
    """One indicator: name, data class, caveat, metric cards, trend and breakdown charts."""
    with st.container(border=True):
        title, badge = st.columns([3, 1])
        title.subheader(f"{card.code} · {card.name}", anchor=False)
        with badge:
            data_class_badge(c, card.data_class)
        text = indicator_caveat(card.code, c.lang)
        if text:
            caveat(text)
        if not card.has_data:
            st.info(
                " ".join(card.notes) or c.t("ui.empty.indicator"), icon=":material/upload_file:"
            )
            return
        shown = [s for s in card.headline if s.latest is not None] or list(card.headline)
        numbers, chart = (
            st.columns(2, gap="medium") if card.trend_figure else (st.container(), None)
        )
        with numbers:
            per_row = 2 if card.trend_figure else 4
            for start in range(0, len(shown), per_row):
                for column, s in zip(st.columns(per_row), shown[start : start + per_row]):
                    with column:
                        metric_card(c, s)
        if card.trend_figure:
            with chart:
                plot(card.trend_figure, key=f"trend:{card.code}")
        for family in card.family_charts:
            st.markdown(f"**{family.title}**")
            plot(family.figure, key=f"family:{card.code}:{family.name}")
            if family.legend:
                st.caption(family.legend)
            if family.suppressed:
                st.caption(c.t("ui.suppressed_note"))


@st.cache_data(show_spinner=False, max_entries=64)
def _recipient_cards(
    db: str, version: str, cluster_id: str, recipient: str, years: tuple[int, int], lang: str
) -> list[Card]:
    rows = _results(db, version, cluster_id, lang)
    goals = targets_frame(_run(db, version, _target(list_targets), (cluster_id,), ()))
    return [
        with_figures(
            card,
            recipient=recipient,
            lang=lang,
            target_label=t("ui.target.label", lang),
            suppressed_label=t("ui.suppressed_short", lang),
        )
        for card in cards(
            rows, goals, recipient=recipient, years=years, lang=lang, order=list(REGISTRY)
        )
    ]


def render_recipient(recipient: str) -> None:
    """A value-recipient page: every Table-3 indicator of ``recipient`` as a card."""
    c = current()
    header(c, recipient)
    caveat(c.t("ui.caveat.table3"))
    if no_data_yet(c, ("members", "events", "participants", "projects", "outcomes", "survey")):
        return
    export_buttons(c)
    shown = _recipient_cards(c.db, c.version, c.cluster_id, recipient, c.years, c.lang)
    if not any(card.has_data for card in shown):
        st.info(c.t("ui.empty.recipient"), icon=":material/upload_file:")
    for card in shown:
        render_card(c, card)


def results_of(c: Ctx, code: str, metric_prefix: str = "") -> pd.DataFrame:
    """Results of one indicator within the selected years, optionally of metrics by prefix."""
    rows = results(c)
    first, last = c.years or (0, 0)
    rows = rows[(rows["code"] == code) & rows["year"].between(first, last)]
    return rows[rows["metric"].str.startswith(metric_prefix)] if metric_prefix else rows
