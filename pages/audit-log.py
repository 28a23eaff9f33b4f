"""Käyttöloki / Audit log (manager): who imported, undid, exported, changed targets or the
profile, and who signed in (or tried to), newest first."""

from __future__ import annotations

import streamlit as st

from appkit import widgets
from appkit.audit_text import describe
from appkit.connection import cached, cached_as_of, connection
from appkit.context import Ctx
from appkit.frame import current, manager_only
from auth import audit_log
from data import clusters
from data.versions import audit_version
from i18n import catalogue

SHOWN = 500


def action_label(c: Ctx, action: str) -> str:
    key = f"auditlog.action.{action}"
    return c.t(key) if key in catalogue() else action


def main() -> None:
    c = current()
    manager_only(c)
    widgets.header(c, "audit")
    cur = connection(c.db).cursor()
    try:
        token = audit_version(cur)
    finally:
        cur.close()
    entries = cached_as_of(c, token, audit_log.recent, role=c.role, limit=SHOWN)
    if not entries:
        st.caption(c.t("auditlog.none"))
        return
    names = clusters.display_names(cached(c, clusters.clusters), c.lang)
    rows = widgets.frame(
        [
            {
                "logged_at": e["logged_at"],
                "user_name": e["user_name"] or "–",
                "action": action_label(c, e["action"]),
                "detail": describe(e["action"], e["detail"], e["fields"], c.lang, c.registry),
                "cluster_id": (
                    names.get(e["cluster_id"])
                    or clusters.display_name(e["cluster_id"], None, c.lang)
                    if e["cluster_id"]
                    else "–"
                ),
            }
            for e in entries
        ]
    )
    chosen = st.multiselect(
        c.t("auditlog.actions"),
        sorted(rows["action"].unique()),
        key="audit_actions",
        placeholder=c.t("auditlog.all_actions"),
    )
    shown = rows[rows["action"].isin(chosen)] if chosen else rows
    st.caption(c.t("auditlog.shown", count=len(shown)))
    widgets.table(
        c,
        shown,
        {
            "logged_at": widgets.datetime_column(c, "auditlog.column.logged_at", seconds=True),
            "user_name": "ui.column.user",
            "action": "auditlog.column.action",
            "detail": "auditlog.column.detail",
            "cluster_id": "auditlog.column.cluster",
        },
    )


main()
