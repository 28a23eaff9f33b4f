"""Asetukset / Settings (manager): the cluster profile and the targets per indicator."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from appkit import cards, widgets
from appkit.connection import cached, clear_caches, connection, custom_file_error
from appkit.context import Ctx
from appkit.frame import current, manager_only
from appkit.markdown import escape
from auth.roles import require_manager
from data import clusters
from i18n import format as fmt
from i18n.format import parse_number
from indicators.compute import custom_errors
from indicators.present import enum_label, format_value
from indicators.targets import TargetError, list_targets, remove_target, set_target

MAX_STAFF = 100  # person-years; more is a typing error


def lines(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def profile(c: Ctx) -> None:
    st.subheader(c.t("ui.settings.profile"), anchor=False)
    current = cached(c, clusters.profile, c.cluster_id)
    suggested = current.tiers or tuple(cached(c, clusters.register_tiers, c.cluster_id))
    forms = list(clusters.ORG_FORMS)
    with st.form("profile"):
        name = st.text_input(c.t("ui.settings.name"), current.name)
        left, right = st.columns(2)
        org_form = left.selectbox(
            c.t("ui.settings.org_form"),
            forms,
            index=forms.index(current.org_form) if current.org_form in forms else len(forms) - 1,
            format_func=lambda f: enum_label("org_form", f, c.lang),
        )
        staff_text = right.text_input(
            c.t("ui.settings.staff_fte"),
            "" if current.staff_fte is None else fmt.number(current.staff_fte, c.lang, 1),
            placeholder=c.t("ui.settings.staff_placeholder"),
        )
        region = st.text_input(c.t("ui.settings.region"), current.region or "")
        priorities = st.text_area(
            c.t("ui.settings.priorities"),
            "\n".join(current.strategic_priorities),
            help=c.t("ui.settings.one_per_line"),
        )
        tiers = st.text_area(
            c.t("ui.settings.tiers"), "\n".join(suggested), help=c.t("ui.settings.one_per_line")
        )
        if st.form_submit_button(c.t("ui.settings.save"), type="primary"):
            require_manager(c.role)
            staff = parse_number(staff_text) if staff_text.strip() else None
            if staff_text.strip() and (staff is None or not 0 <= staff <= MAX_STAFF):
                st.error(c.t("ui.settings.staff_invalid", value=escape(staff_text.strip())))
                return
            clusters.save_profile(
                connection(c.db),
                c.cluster_id,
                clusters.Profile(
                    name, org_form, staff, lines(priorities), lines(tiers), region.strip() or None
                ),
                user=c.user,
            )
            clear_caches()
            st.session_state["settings_message"] = c.t("ui.settings.saved")
            st.rerun()


def _unit(c: Ctx, code: str, metric: str) -> str:
    """The unit of a metric (as plain count when the registry no longer knows it)."""
    entry = c.registry.get(code)
    spec = entry.metric(metric) if entry else None
    return spec.unit if spec else "count"


def targets(c: Ctx) -> None:
    st.subheader(c.t("ui.settings.targets"), anchor=False)
    widgets.caveat(c.t("analytics.target.help"))
    rows = widgets.frame(
        cached(c, list_targets, c.cluster_id),
        ["code", "metric", "year", "value", "set_by", "set_at"],
    )
    if rows.empty:
        st.caption(c.t("analytics.target.none"))
    else:
        shown = rows.assign(
            metric=[c.metric_name(k, m) for k, m in zip(rows["code"], rows["metric"])],
            value=[
                format_value(v, _unit(c, k, m), c.lang)
                for k, m, v in zip(rows["code"], rows["metric"], rows["value"])
            ],
            set_by=rows["set_by"].fillna("–"),
        )
        widgets.table(
            c,
            shown,
            {
                "code": "ui.column.indicator",
                "metric": "ui.column.metric",
                "year": st.column_config.NumberColumn(c.t("ui.column.year"), format="%d"),
                "value": "ui.column.target",
                "set_by": "ui.column.user",
            },
        )
    results = cards.results(c)
    code = st.selectbox(
        c.t("ui.column.indicator"),
        list(c.registry),
        key="target_code",
        format_func=lambda k: f"{k} · {c.registry[k].name.text(c.lang)}",
    )
    metrics = sorted(results.loc[results["code"] == code, "metric"].unique())
    with st.form("target"):
        metric = st.selectbox(
            c.t("ui.column.metric"),
            metrics,
            format_func=lambda m: c.metric_name(code, m),
            key="target_metric",
        )
        left, right = st.columns(2)
        last = c.years[1] if c.years else None
        year = left.number_input(
            c.t("ui.column.year"),
            min_value=1990,
            max_value=2100,
            step=1,
            value=(last + 1) if last else 2026,
        )
        value_text = right.text_input(
            c.t("ui.column.target"),
            key="target_value",
            placeholder=c.t("ui.settings.target_placeholder"),
            help=c.t("ui.settings.target_units"),
        )
        save, remove = st.columns(2)
        if save.form_submit_button(c.t("ui.settings.set_target"), type="primary"):
            value = parse_number(value_text)
            if value is None:
                st.error(c.t("ui.settings.target_not_number", value=escape(value_text.strip())))
                return
            unit = _unit(c, code, metric or "")
            change(
                c,
                lambda: set_target(
                    connection(c.db),
                    c.registry,
                    c.cluster_id,
                    code,
                    metric or "",
                    int(year),
                    value,
                    c.user,
                ),
                c.t(
                    "analytics.target.saved",
                    code=code,
                    metric=c.metric_name(code, metric or ""),
                    year=int(year),
                    value=format_value(value, unit, c.lang),
                ),
            )
        if remove.form_submit_button(c.t("ui.settings.remove_target")):
            change(
                c,
                lambda: remove_target(
                    connection(c.db), c.cluster_id, code, metric or "", int(year), c.user
                ),
                c.t(
                    "analytics.target.removed",
                    code=code,
                    metric=c.metric_name(code, metric or ""),
                    year=int(year),
                ),
            )


def change(c: Ctx, action: Callable[[], object], done: str) -> None:
    """Run a target change; report it in the user's language and refresh the cached results."""
    require_manager(c.role)
    try:
        action()
    except TargetError as error:
        st.error(error.message(c.lang))
        return
    clear_caches()
    st.session_state["settings_message"] = done
    st.rerun()


def custom_indicators(c: Ctx) -> None:
    """The installation's own indicators and why any of them fails: the errors of custom SQL
    are shown here, to the manager, and nowhere the board looks."""
    own = [indicator for indicator in c.registry.values() if indicator.custom]
    unusable = custom_file_error(c.db)
    if not own and unusable is None:
        return
    st.subheader(c.t("ui.settings.custom"), anchor=False)
    if unusable is not None:
        st.error(escape(unusable.message(c.lang)), icon=":material/error:")
    cur = connection(c.db).cursor()
    try:
        errors = custom_errors(cur, c.registry, c.cluster_id, codes=[i.code for i in own])
    finally:
        cur.close()
    for indicator in own:
        name = escape(indicator.name.text(c.lang))
        if indicator.code in errors:
            st.error(f"{indicator.code} {name}: {escape(errors[indicator.code].message(c.lang))}")
        else:
            st.caption(c.t("ui.settings.custom_ok", code=indicator.code, name=name))


def main() -> None:
    c = current()
    manager_only(c)
    widgets.header(c, "settings")
    if "settings_message" in st.session_state:
        st.success(st.session_state.pop("settings_message"))
    profile(c)
    targets(c)
    custom_indicators(c)


main()
