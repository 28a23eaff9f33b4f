"""Uploaded files on the Data page, kept while the manager reviews them.

An upload whose import needs the manager (a member register that would remove members, a
sheet whose columns must be mapped) is imported again after that review, with the options it
was first given; so each report keeps its file's bytes beside it in the session until the
manager confirms, cancels or uploads again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from appkit.connection import clear_caches, connection
from appkit.context import Ctx
from auth.roles import require_manager
from data.importer import import_file
from data.pseudonym import KeyFileError
from data.report import ImportReport

REPORTS, UPLOADS = "import_reports", "import_uploads"
ROUND_STATE = "review_"  # prefix of session keys that belong to one round of uploads
# Share of the register a new register may remove without asking: any removal is asked.
ASK_ANY_REMOVAL = 0.0


@dataclass(frozen=True)
class Upload:
    """One uploaded file and the import options it came with."""

    name: str
    data: bytes
    options: dict[str, object]


def import_upload(
    c: Ctx,
    upload: Upload,
    progress: Callable[[float, str], None] | None = None,
    **extra: object,
) -> ImportReport:
    """Import ``upload`` as the manager; ``extra`` overrides its options (a confirmed
    register: ``removal_limit=None``; a mapped sheet: ``profile=NAME``)."""
    require_manager(c.role)
    options = {"removal_limit": ASK_ANY_REMOVAL, **upload.options, **extra}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
        path.write_bytes(upload.data)
        try:
            return import_file(
                connection(c.db),
                path,
                cluster_id=c.cluster_id,
                file_name=upload.name,
                user=c.user,
                progress=progress,
                lang=c.lang,
                where="app",
                **options,
            )
        except KeyFileError as broken_key:  # nothing was loaded; the key must be restored
            st.error(broken_key.message(c.lang))
            st.stop()


def remember(reports: list[ImportReport], uploads: list[Upload]) -> None:
    """The reports of one upload round, each with its file (kept only while it needs review)."""
    for key in [k for k in st.session_state if str(k).startswith(ROUND_STATE)]:
        del st.session_state[key]
    st.session_state[REPORTS] = reports
    st.session_state[UPLOADS] = [
        upload if needs_review(report) else None
        for report, upload in zip(reports, uploads, strict=True)
    ]


def replace(index: int, report: ImportReport) -> None:
    """Report ``index`` after the manager's review imported its file again."""
    st.session_state[REPORTS][index] = report
    if not needs_review(report):
        st.session_state[UPLOADS][index] = None
    clear_caches()


def forget(index: int) -> None:
    """Drop the file of report ``index`` (the manager cancelled)."""
    st.session_state[UPLOADS][index] = None


def report(index: int) -> ImportReport:
    return st.session_state[REPORTS][index]


def kept(index: int) -> Upload | None:
    uploads = st.session_state.get(UPLOADS, [])
    return uploads[index] if index < len(uploads) else None


def needs_register_confirmation(report: ImportReport) -> bool:
    return report.message == "data.register.refused" and report.register is not None


def mappable_sheets(report: ImportReport) -> list[str]:
    """Sheets of a rejected file the manager can map: of no recognised kind, or missing a
    required column."""
    if report.status != "rejected":
        return []
    missing = {i.sheet for i in report.issues if i.code == "missing_column"}
    return [
        s.sheet
        for s in report.sheets
        if s.skipped in ("unknown_kind", "ambiguous_kind", "no_header") or s.sheet in missing
    ]


def needs_review(report: ImportReport) -> bool:
    return needs_register_confirmation(report) or bool(mappable_sheets(report))
