"""The manager's confirmation before a member register replaces the current one (SPEC 3).

The import stopped before loading and left its preview in the report: who joins, who leaves
and whose register data changes. This panel shows it and loads the register only when the
manager confirms; cancelling changes nothing.
"""

from __future__ import annotations

import streamlit as st

from appkit import uploads, widgets
from appkit.context import Ctx
from appkit.markdown import escape
from data.report import ImportReport
from i18n.format import share


def show(c: Ctx, index: int, report: ImportReport) -> None:
    """The preview of report ``index`` with Replace and Cancel."""
    change = report.register
    upload = uploads.kept(index)
    if change is None or upload is None:
        return
    with st.container(border=True, key=f"register_review_{index}"):
        st.markdown(f"**{c.t('ui.register.title', file=escape(report.file_name))}**")
        st.warning(
            c.t(
                "ui.register.warning",
                current=change.current,
                removed=len(change.leaves),
                share=share(change.removed_share, c.lang),
            ),
            icon=":material/group_remove:",
        )
        joins, leaves, changes = st.columns(3)
        joins.metric(c.t("ui.register.joins"), len(change.joins))
        leaves.metric(c.t("ui.register.leaves"), len(change.leaves))
        changes.metric(c.t("ui.register.changes"), len(change.changes))
        for key, names in (("leaves", change.leaves), ("joins", change.joins)):
            if names:
                st.caption(c.t(f"ui.register.{key}"))
                rows = widgets.frame([{"name": name} for name in names])
                widgets.table(c, rows, {"name": "ui.column.organisation"})
        if change.changes:
            st.caption(c.t("ui.register.changes"))
            rows = widgets.frame(
                [{"name": item.name, "columns": item.labels(c.lang)} for item in change.changes]
            )
            widgets.table(
                c,
                rows,
                {"name": "ui.column.organisation", "columns": "ui.register.changed_columns"},
            )
        confirm, cancel = st.columns(2)
        if confirm.button(
            c.t("ui.register.confirm"),
            type="primary",
            icon=":material/published_with_changes:",
            key=f"register_confirm_{index}",
        ):
            uploads.replace(index, uploads.import_upload(c, upload, removal_limit=None))
            st.rerun()
        if cancel.button(c.t("ui.register.cancel"), key=f"register_cancel_{index}"):
            uploads.forget(index)
            st.session_state[f"{uploads.ROUND_STATE}cancelled_{index}"] = report.file_name
            st.rerun()


def cancelled(c: Ctx, index: int) -> None:
    """The note left where a cancelled register's preview was."""
    name = st.session_state.get(f"{uploads.ROUND_STATE}cancelled_{index}")
    if name is not None:
        st.info(c.t("ui.register.cancelled", file=escape(name)))
