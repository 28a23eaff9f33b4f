"""Aineisto / Data (manager): upload files with a per-file report, import history with undo,
templates for every kind, and what the database holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from appkit import column_mapping, downloads, register_review, uploads, widgets
from appkit.connection import cached, clear_caches, connection
from appkit.context import Ctx
from appkit.frame import current, manager_only
from appkit.markdown import escape
from auth.roles import require_manager
from data import reading
from data.importer import ImportRefused, parse_date_arg, undo_import
from data.kinds import KINDS
from data.report import ImportReport
from data.sqlfunc import YEAR_RANGE
from data.templates import template_bytes, template_file_name
from indicators import breakdowns as bd
from indicators.analytics_context import import_history

UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]
SHOWN_ISSUES = 200  # the rest are in the downloadable report
ISSUES_HEIGHT = 480
STATUS_ICONS = {
    "loaded": ":material/check_circle:",
    "noop": ":material/sync:",
    "rejected": ":material/error:",
}


def import_options(c: Ctx) -> dict[str, object]:
    """The optional import settings: kind, the event of an attendance list, survey metadata,
    the year of a member register that does not say it."""
    with st.expander(c.t("ui.data.options")):
        kind = st.selectbox(
            c.t("ui.data.kind"),
            [None, *KINDS],
            key="import_kind",
            format_func=lambda k: c.t("ui.data.kind_auto") if k is None else c.t(f"data.kind.{k}"),
        )
        left, right = st.columns(2)
        event_title = left.text_input(c.t("ui.data.event_title"), key="import_event_title")
        event_date = right.text_input(
            c.t("ui.data.event_date"),
            key="import_event_date",
            placeholder=c.t("ui.data.date_placeholder"),
        )
        left, middle, right = st.columns(3)
        survey_name = left.text_input(c.t("ui.data.survey_name"), key="import_survey_name")
        survey_year = middle.number_input(
            c.t("ui.data.survey_year"),
            min_value=1990,
            max_value=2100,
            value=None,
            step=1,
            key="import_survey_year",
        )
        invited = right.number_input(
            c.t("ui.data.invited"), min_value=0, value=None, step=1, key="import_invited"
        )
        register_year = st.number_input(
            c.t("ui.data.register_year"),
            min_value=YEAR_RANGE[0],
            max_value=YEAR_RANGE[1],
            value=None,
            step=1,
            key="import_register_year",
            help=c.t("ui.data.register_year_help"),
        )
        max_bad = st.slider(
            c.t("ui.data.max_bad_rows"), 0, 50, 0, format="%d %%", key="import_max_bad"
        )
    return {
        "kind": kind,
        "event_title": event_title or None,
        "event_date": event_date.strip() or None,
        "survey_name": survey_name or None,
        "survey_year": int(survey_year) if survey_year is not None else None,
        "invited": int(invited) if invited is not None else None,
        "register_year": int(register_year) if register_year is not None else None,
        "max_bad_rows": max_bad / 100,
    }


def run_imports(c: Ctx, files: list, options: dict[str, object]) -> None:
    """Import each uploaded file in turn, with one progress bar over all of them; the reports
    (and the files that need the manager's review) stay in the session."""
    bar = st.progress(0.0, text=c.t("ui.data.starting"))
    reports, kept = [], []
    for index, file in enumerate(files):
        upload = uploads.Upload(file.name, bytes(file.getbuffer()), options)

        def progress(share: float, text: str, index: int = index, name: str = file.name) -> None:
            bar.progress(min(1.0, (index + share) / len(files)), text=f"{name}: {text}")

        reports.append(uploads.import_upload(c, upload, progress))
        kept.append(upload)
    bar.progress(1.0, text=c.t("ui.data.finished", count=len(files)))
    uploads.remember(reports, kept)


def show_report(c: Ctx, report: ImportReport) -> None:
    """One file's outcome: status and what to do, sheets with row counts, skipped sheets with
    the reason, and every issue by sheet, row and column."""
    with st.container(border=True):
        status = c.t(f"data.status.{report.status}")
        st.markdown(
            f"{STATUS_ICONS.get(report.status, '')} **{escape(report.file_name)}** · {status}"
        )
        if report.message is not None:
            (st.error if report.status == "rejected" else st.info)(report.summary(c.lang, "app"))
        loaded = [s for s in report.sheets if not s.skipped]
        if loaded:
            sheets = pd.DataFrame(
                [
                    {
                        "sheet": s.sheet,
                        "kind": c.t(f"data.kind.{s.kind}"),
                        "read": s.rows_read,
                        "loaded": s.rows_loaded,
                        "rejected": s.rows_rejected,
                    }
                    for s in loaded
                ]
            )
            widgets.table(
                c,
                sheets,
                {
                    "sheet": "ui.column.sheet",
                    "kind": "ui.column.kind",
                    "read": "ui.column.rows_read",
                    "loaded": "ui.column.rows_loaded",
                    "rejected": "ui.column.rows_rejected",
                },
                units=dict.fromkeys(("read", "loaded", "rejected"), "count"),
            )
        for sheet in report.sheets:
            if sheet.skipped:
                reason = sheet.skip_reason(c.lang, "app")
                st.caption(c.t("data.report.skipped", sheet=escape(sheet.sheet), reason=reason))
            if sheet.profile:
                profile = c.t("data.report.profile", profile=escape(sheet.profile))
                st.caption(f"{escape(sheet.sheet)}: {profile}")
        if report.register is not None and report.status == "loaded":
            st.caption(escape(report.register.lines(c.lang)[0]))
        if report.issues:
            issues(c, report)
        st.download_button(
            c.t("ui.data.report_download"),
            report.to_text(c.lang, "app"),
            file_name=f"{Path(report.file_name).stem}-{c.t('ui.data.report_suffix')}.txt",
            mime="text/plain",
            on_click="ignore",
            key=f"report:{report.sha256}:{report.import_id}",
        )


def issues(c: Ctx, report: ImportReport) -> None:
    """The issues as a table whose reasons are read in full (the place is in its own columns;
    uploaded text is escaped, as table cells are Markdown)."""
    shown = report.issues[:SHOWN_ISSUES]
    rows = pd.DataFrame(
        [
            {
                c.t("ui.column.severity"): c.t(f"data.severity.{i.severity}"),
                c.t("ui.column.sheet"): escape(i.sheet or "–"),
                c.t("ui.column.row"): "–" if i.row is None else str(i.row),
                c.t("ui.column.column"): escape(i.column or "–"),
                c.t("ui.column.message"): escape(i.reason(c.lang)),
            }
            for i in shown
        ]
    )
    st.table(rows, hide_index=True, height=min(60 + 40 * len(shown), ISSUES_HEIGHT))
    hidden = len(report.issues) - len(shown) + report.issues_omitted
    if hidden:
        st.caption(c.t("data.report.omitted", count=hidden))


def _date(text: str) -> dt.date | None:
    """A date typed as ``15.5.2023`` or ``2023-05-15``; None when empty or not a date."""
    try:
        return parse_date_arg(text) if text.strip() else None
    except ValueError:
        return None


def upload(c: Ctx) -> None:
    reading.warm()  # the parsing worker of the next upload starts while the manager chooses
    st.subheader(c.t("ui.data.upload"), anchor=False)
    widgets.uploader_texts(c)
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            c.t("ui.data.files"),
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            help=c.t("ui.data.files_help"),
        )
        options = import_options(c)
        submitted = st.form_submit_button(
            c.t("ui.data.import"), type="primary", icon=":material/upload:"
        )
    if submitted and not files:
        st.warning(c.t("ui.data.no_files"))
    elif submitted and options["event_date"] is not None and not _date(options["event_date"]):
        st.error(c.t("ui.data.bad_date", value=escape(str(options["event_date"]))))
    elif submitted:
        options["event_date"] = _date(str(options["event_date"] or ""))
        run_imports(c, files, options)
        clear_caches()
        st.rerun()
    column_mapping.saved_note(c)
    for index, report in enumerate(st.session_state.get(uploads.REPORTS, [])):
        show_report(c, report)
        register_review.cancelled(c, index)
        if uploads.needs_register_confirmation(report):
            register_review.show(c, index, report)
        column_mapping.offer(c, index, report)
    column_mapping.show(c)


def history(c: Ctx) -> None:
    st.subheader(c.t("ui.data.history"), anchor=False)
    if "undo_message" in st.session_state:
        st.success(st.session_state.pop("undo_message"))
    rows = widgets.frame(cached(c, import_history, c.cluster_id, role=c.role))
    if rows.empty:
        st.caption(c.t("ui.data.no_imports"))
        return
    rows["status"] = rows["status"].map(lambda s: c.t(f"data.status.{s}"))
    rows["kinds"] = rows["kinds"].map(
        lambda kinds: ", ".join(c.t(f"data.kind.{kind}") for kind in kinds) or "–"
    )
    rows["user_name"] = rows["user_name"].fillna("–")
    widgets.table(
        c,
        rows,
        {
            "import_id": "ui.column.import_id",
            "imported_at": widgets.datetime_column(c, "ui.column.imported_at"),
            "file_name": "ui.column.file",
            "kinds": "ui.column.kind",
            "status": "ui.column.status",
            "rows_read": "ui.column.rows_read",
            "rows_loaded": "ui.column.rows_loaded",
            "rows_rejected": "ui.column.rows_rejected",
            "user_name": "ui.column.user",
        },
        units=dict.fromkeys(("rows_read", "rows_loaded", "rows_rejected"), "count"),
    )
    loaded = rows[rows["status"] == c.t("data.status.loaded")]
    if loaded.empty:
        return
    with st.form("undo"):
        choice = st.selectbox(
            c.t("ui.data.undo_choice"),
            list(loaded["import_id"]),
            format_func=lambda i: f"{i} · {loaded.set_index('import_id').at[i, 'file_name']}",
        )
        sure = st.checkbox(c.t("ui.data.undo_confirm"))
        if st.form_submit_button(c.t("ui.data.undo"), icon=":material/undo:") and sure:
            require_manager(c.role)
            try:
                undo_import(connection(c.db), int(choice), user=c.user)
            except ImportRefused as refused:
                st.error(refused.message(c.lang))
            else:
                clear_caches()
                st.session_state["undo_message"] = c.t("data.undo.done", import_id=int(choice))
                st.rerun()


def templates(c: Ctx) -> None:
    st.subheader(c.t("ui.data.templates"), anchor=False)
    st.caption(c.t("ui.data.templates_help"))
    columns = st.columns(3)
    for index, kind in enumerate(KINDS):
        with columns[index % 3]:
            st.download_button(
                c.t(f"ui.file.{kind}"),
                lambda kind=kind: template_bytes(kind),
                file_name=template_file_name(kind, c.lang),
                mime=downloads.XLSX,
                icon=":material/table:",
                on_click="ignore",
                key=f"template:{kind}",
                width="stretch",
            )


def counts(c: Ctx) -> None:
    st.subheader(c.t("ui.data.counts"), anchor=False)
    rows = widgets.frame(cached(c, bd.row_counts, c.cluster_id))
    rows["table"] = rows["table"].map(lambda name: c.t(f"analytics.table.{name}"))
    widgets.table(
        c, rows, {"table": "ui.column.table", "rows": "ui.column.rows"}, units={"rows": "count"}
    )


def main() -> None:
    c = current()
    manager_only(c)
    widgets.header(c, "data")
    upload(c)
    templates(c)
    history(c)
    column_mapping.saved_profiles(c)
    counts(c)


main()
