"""The mapping step for a sheet the importer could not read, and the saved source profiles
(SPEC 2.1, unknown layouts).

The manager sees the sheet's first rows, picks the header row and the kind, maps each column
to a field or leaves it unused, previews the typed rows with their errors and saves the
mapping as a named source profile; the file is then imported with it, and so is every later
file with the same header row. Header texts and profile names are the user's text: shown
escaped in Markdown and as plain cells in tables.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from appkit import uploads, widgets
from appkit.connection import connection
from appkit.context import Ctx
from appkit.markdown import escape
from auth.roles import require_manager
from data import mapping, profiles
from data.fields import field_label, fields
from data.headers import normalise_header, sheet_name_kind
from data.kinds import KINDS
from data.reading import RawSheet, ReadError, read_upload
from data.report import ImportReport
from data.store import WriteFailed

TARGET = f"{uploads.ROUND_STATE}mapping"  # (report index, sheet name) being mapped
SHEET = f"{uploads.ROUND_STATE}mapping_sheet"  # the RawSheet being mapped
PREVIEW = f"{uploads.ROUND_STATE}mapping_preview"
SAVED = "mapping_saved"
FIELDS_PER_ROW = 3


def offer(c: Ctx, index: int, report: ImportReport) -> None:
    """A button per sheet of report ``index`` whose columns can be mapped."""
    if uploads.kept(index) is None:
        return
    for number, sheet in enumerate(uploads.mappable_sheets(report)):
        if st.button(
            c.t("ui.mapping.start", sheet=escape(sheet)),
            icon=":material/table_edit:",
            key=f"mapping_start_{index}_{number}",
        ):
            st.session_state[TARGET] = (index, sheet)
            st.session_state.pop(SHEET, None)
            st.session_state.pop(PREVIEW, None)


def _sheet(c: Ctx, upload: uploads.Upload, name: str) -> RawSheet | None:
    """The sheet ``name`` of the upload, read once per mapping (in the isolated reader)."""
    found = st.session_state.get(SHEET)
    if found is not None and found.name == name:
        return found
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
        path.write_bytes(upload.data)
        try:
            sheets = read_upload(path, file_name=upload.name)
        except ReadError:
            sheets = []
    found = next((s for s in sheets if s.name == name), None)
    if found is None:
        st.error(c.t("ui.mapping.no_sheet", sheet=escape(name)))
        return None
    st.session_state[SHEET] = found
    return found


def _letters(index: int) -> str:
    """Spreadsheet column letters: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _first_rows(rows: list[list[str | None]], numbers: list[int]) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame(
        [list(r) + [None] * (width - len(r)) for r in rows],
        columns=[_letters(i) for i in range(width)],
        index=numbers,
    )
    return frame.dropna(axis=1, how="all").fillna("")  # an empty cell reads empty, not None


def _kind_guess(
    report: ImportReport, sheet: RawSheet, cells: list[str | None], upload: uploads.Upload
) -> str:
    """The kind to offer: the one chosen at upload, named by the sheet, the closest one the
    import found, or the one whose names the header row holds most of."""
    skipped = next((s for s in report.sheets if s.sheet == sheet.name), None)
    closest = skipped.closest[0].kind if skipped is not None and skipped.closest else None
    chosen = upload.options.get("kind") or sheet_name_kind(sheet.name) or closest
    if chosen:
        return str(chosen)
    counts = {kind: sum(1 for f in mapping.suggest(kind, cells) if f) for kind in KINDS}
    return max(KINDS, key=lambda kind: counts[kind])


def show(c: Ctx) -> None:
    """The mapping step, when the manager has started one."""
    target = st.session_state.get(TARGET)
    if target is None:
        return
    index, sheet_name = target
    upload = uploads.kept(index)
    if upload is None:
        st.session_state.pop(TARGET, None)
        return
    with st.container(border=True, key="mapping_step"):
        st.subheader(
            c.t("ui.mapping.title", file=escape(upload.name), sheet=escape(sheet_name)),
            anchor=False,
        )
        st.caption(c.t("ui.mapping.intro"))
        sheet = _sheet(c, upload, sheet_name)
        if sheet is None:
            return
        rows, numbers = mapping.first_rows(sheet)
        st.caption(c.t("ui.mapping.first_rows"))
        st.dataframe(_first_rows(rows, numbers))
        left, right = st.columns(2)
        header_row = left.selectbox(
            c.t("ui.mapping.header_row"),
            numbers,
            index=mapping.guess_header(rows),
            key="mapping_header_row",
        )
        header = numbers.index(header_row)
        cells = rows[header]
        kinds = list(KINDS)
        kind = right.selectbox(
            c.t("ui.mapping.kind"),
            kinds,
            index=kinds.index(_kind_guess(uploads.report(index), sheet, cells, upload)),
            format_func=lambda k: c.t(f"data.kind.{k}"),
            key="mapping_kind",
        )
        _form(c, index, upload, sheet, kind, header, cells)
        _preview(c)
        if st.button(c.t("ui.mapping.close"), key="mapping_close"):
            st.session_state.pop(TARGET, None)
            st.rerun()


def _form(
    c: Ctx,
    index: int,
    upload: uploads.Upload,
    sheet: RawSheet,
    kind: str,
    header: int,
    cells: list[str | None],
) -> None:
    """A field per header cell, the profile name, Preview and Save."""
    suggested = mapping.suggest(kind, cells)
    required = [field_label(kind, name, c.lang) for name in KINDS[kind].required]
    with st.form("mapping_form"):
        st.markdown(f"**{c.t('ui.mapping.columns')}**")
        if required:
            st.caption(c.t("ui.mapping.required", fields=escape(", ".join(required))))
        options = [None, *fields(kind)]
        chosen: list[str | None] = [None] * len(suggested)
        used = [i for i, cell in enumerate(cells[: len(suggested)]) if normalise_header(cell)]
        for start in range(0, len(used), FIELDS_PER_ROW):
            columns = st.columns(FIELDS_PER_ROW)
            for column, i in zip(columns, used[start : start + FIELDS_PER_ROW], strict=False):
                chosen[i] = column.selectbox(
                    f"{_letters(i)} · {escape(str(cells[i]).strip())}",
                    options,
                    index=options.index(suggested[i]),
                    format_func=lambda f: (
                        c.t("ui.mapping.ignore") if f is None else field_label(kind, f, c.lang)
                    ),
                    key=f"mapping_field_{kind}_{header}_{i}",
                )
        name = st.text_input(
            c.t("ui.mapping.name"),
            value=Path(upload.name).stem.replace("_", " ")[: profiles.MAX_NAME],
            max_chars=profiles.MAX_NAME,
            key="mapping_name",
        )
        left, right = st.columns(2)
        preview = left.form_submit_button(c.t("ui.mapping.preview"), icon=":material/preview:")
        save = right.form_submit_button(
            c.t("ui.mapping.save"), type="primary", icon=":material/save:"
        )
    profile = mapping.profile_for(name, kind, cells, chosen)
    if preview:
        try:
            st.session_state[PREVIEW] = mapping.preview(
                connection(c.db),
                sheet,
                profile,
                header,
                file_name=upload.name,
                overrides=_event_overrides(upload),
                lang=c.lang,
            )
        except profiles.ProfileError as unusable:
            st.session_state.pop(PREVIEW, None)
            st.error(unusable.message(c.lang))
    if save:
        _save(c, index, upload, profile)


def _event_overrides(upload: uploads.Upload) -> dict[str, object]:
    """The event given at upload for an attendance list without event columns."""
    options = upload.options
    return {
        key: options[key] for key in ("event_title", "event_date") if options.get(key) is not None
    }


def _save(c: Ctx, index: int, upload: uploads.Upload, profile: profiles.Profile) -> None:
    require_manager(c.role)
    try:
        stored = profiles.save(connection(c.db), c.cluster_id, profile, user=c.user)
    except (profiles.ProfileError, WriteFailed) as unsaved:
        st.error(unsaved.message(c.lang))
        return
    report = uploads.import_upload(c, upload, kind=None, profile=stored.name)
    uploads.replace(index, report)
    for key in (TARGET, SHEET, PREVIEW):
        st.session_state.pop(key, None)
    st.session_state[SAVED] = stored.name
    st.rerun()


def _preview(c: Ctx) -> None:
    """The typed first rows and the row errors of the last preview."""
    shown: mapping.Preview | None = st.session_state.get(PREVIEW)
    if shown is None:
        return
    st.info(c.t("ui.mapping.preview_counts", read=shown.rows_read, rejected=shown.rows_rejected))
    kind = st.session_state.get("mapping_kind")
    labels = [field_label(kind, f, c.lang) for f in shown.fields] if kind else list(shown.fields)
    st.caption(c.t("ui.mapping.preview_rows"))
    st.dataframe(
        pd.DataFrame(
            [values for _, values in shown.rows],
            columns=labels,
            index=[row for row, _ in shown.rows],
        )
    )
    if shown.issues:
        st.caption(c.t("ui.mapping.preview_issues"))
        rows = widgets.frame(
            [{"row": i.row, "column": i.column, "message": i.message(c.lang)} for i in shown.issues]
        )
        widgets.table(
            c,
            rows,
            {"row": "ui.column.row", "column": "ui.column.column", "message": "ui.column.message"},
        )


def saved_note(c: Ctx) -> None:
    """The confirmation left after a profile was saved and its file imported."""
    name = st.session_state.pop(SAVED, None)
    if name is not None:
        st.success(c.t("ui.mapping.saved", name=escape(name)))


def saved_profiles(c: Ctx) -> None:
    """The cluster's source profiles, and removing one."""
    st.subheader(c.t("ui.profiles.title"), anchor=False)
    st.caption(c.t("ui.profiles.help"))
    saved = profiles.list_profiles(connection(c.db), c.cluster_id)
    if not saved:
        st.caption(c.t("ui.profiles.none"))
        return
    rows = widgets.frame(
        [
            {
                "name": p.name,
                "kind": c.t(f"data.kind.{p.kind}"),
                "columns": f"{len(p.mapped())}/{sum(1 for h in p.headers if h)}",
                "mapping": "; ".join(
                    f"{p.header_text(i)} → {field_label(p.kind, f, c.lang)}" for i, f in p.mapped()
                ),
                "by": p.created_by or "–",
                "at": p.created_at,
            }
            for p in saved
        ]
    )
    widgets.table(
        c,
        rows,
        {
            "name": "ui.profiles.name",
            "kind": "ui.column.kind",
            "columns": "ui.profiles.columns",
            "mapping": "ui.profiles.mapping",
            "by": "ui.profiles.by",
            "at": widgets.datetime_column(c, "ui.profiles.at"),
        },
    )
    with st.form("profile_remove"):
        choice = st.selectbox(c.t("ui.profiles.remove_choice"), [p.name for p in saved])
        sure = st.checkbox(c.t("ui.profiles.remove_confirm"))
        if st.form_submit_button(c.t("ui.profiles.remove"), icon=":material/delete:") and sure:
            require_manager(c.role)
            try:
                profiles.remove(connection(c.db), c.cluster_id, choice, user=c.user)
            except WriteFailed as unsaved:
                st.error(unsaved.message(c.lang))
            else:
                st.rerun()
