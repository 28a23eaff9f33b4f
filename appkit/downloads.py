"""Download buttons for the indicator workbook and the board reports, built only when clicked."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import streamlit as st

from appkit.connection import connection
from appkit.context import Ctx
from appkit.widgets import XLSX
from export.board_workbook import board_workbook
from export.html_report import html_report
from export.workbook import export_workbook


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


def documents(
    c: Ctx, *, board: bool = False
) -> list[tuple[str, str, Callable[[duckdb.DuckDBPyConnection], bytes | str]]]:
    """``(name, mime type, build)`` of each download: the indicator workbook, and on the
    overview the board report as HTML and as a workbook with charts. Each build is audited."""
    registry, cluster_id, years, lang, user = c.registry, c.cluster_id, c.years, c.lang, c.user
    found = [
        (
            "workbook",
            XLSX,
            lambda cur: export_workbook(cur, registry, cluster_id, lang=lang, user=user),
        )
    ]
    if board:
        found += [
            (
                "report",
                "text/html",
                lambda cur: html_report(cur, registry, cluster_id, years, lang, user=user),
            ),
            (
                "board_workbook",
                XLSX,
                lambda cur: board_workbook(cur, registry, cluster_id, years, lang, user=user),
            ),
        ]
    return found


def export_buttons(c: Ctx, *, board: bool = False) -> None:
    """Download buttons for ``documents``; files are built only when clicked."""
    buttons = documents(c, board=board)
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
