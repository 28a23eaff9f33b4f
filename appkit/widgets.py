"""The building blocks pages draw with: page header, caveats, empty states, charts, tables."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from appkit.context import Ctx
from appkit.markdown import escape
from charts.table import TEXT, Table
from charts.table import table as data_table
from export.table_file import table_workbook
from indicators.present import format_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DATA_IMPORT_PAGE = "pages/data.py"
DATA_CLASS_COLOURS = {
    "ADM": "blue",
    "LOG": "violet",
    "SRV": "orange",
    "QUAL": "gray",
    "EXT": "green",
}


def header(c: Ctx, page: str) -> None:
    """Page title, its one-line purpose, and the scope (cluster and years) it shows."""
    st.title(c.t(f"ui.page.{page}"))
    scope = (
        c.t("ui.scope.years", cluster=escape(c.cluster_name), first=c.years[0], last=c.years[1])
        if c.years
        else c.t("ui.scope.no_years", cluster=escape(c.cluster_name))
    )
    st.caption(f"{c.t(f'ui.intro.{page}')} · {scope}")


def uploader_texts(c: Ctx) -> None:
    """The file uploader's own button and size line in the reader's language: Streamlit draws
    them in English only, so they are hidden and our texts drawn in their place."""
    button = _css_text(c.t("ui.data.choose_files"))
    limit = _css_text(c.t("ui.data.upload_limit"))
    zone = "[data-testid='stFileUploaderDropzone']"
    st.html(
        f"<style>{zone} button p, {zone} [data-testid='stFileUploaderDropzoneInstructions'] span"
        "{visibility:hidden;font-size:0;white-space:normal}"
        f"{zone} button p::after{{content:{button};visibility:visible;font-size:0.875rem}}"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] span::after"
        f"{{content:{limit};visibility:visible;font-size:0.875rem}}</style>"
    )


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal (each character outside plain letters escaped)."""
    return (
        '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text) + '"'
    )


def caveat(text: str) -> None:
    """The cookbook's caution beside a number or chart."""
    st.caption(f":material/info: {text}")


def empty(c: Ctx, kinds: Sequence[str]) -> None:
    """The empty state: which files would fill this view, and where to upload them."""
    files = ", ".join(c.t(f"ui.file.{kind}") for kind in kinds)
    st.info(c.t("ui.empty.upload", files=files), icon=":material/upload_file:")
    if c.is_manager:
        st.page_link(
            DATA_IMPORT_PAGE, label=c.t("ui.empty.go_to_data"), icon=":material/upload_file:"
        )
    else:
        st.caption(c.t("ui.empty.ask_manager"))


def no_data_yet(c: Ctx, kinds: Sequence[str]) -> bool:
    """Show the empty state and return True when the cluster has no data at all."""
    if c.years is None:
        empty(c, kinds)
        return True
    return False


# Charts are read, not explored: no toolbar over the legend (also on a phone), no zoom that
# hides the axis; the numbers are in the table under each chart.
PLOT_CONFIG = {"displayModeBar": False, "scrollZoom": False, "responsive": True}


def plot(fig: Any, key: str, *, selectable: bool = False) -> Any:
    """Draw a figure; ``selectable`` returns the clicked points (a manager's drill-down)."""
    if selectable:
        return st.plotly_chart(
            fig,
            width="stretch",
            key=key,
            config=PLOT_CONFIG,
            on_select="rerun",
            selection_mode="points",
        )
    st.plotly_chart(fig, width="stretch", key=key, config=PLOT_CONFIG)
    return None


def chart(
    c: Ctx, fig: Any, key: str, data: Table | None = None, *, selectable: bool = False
) -> Any:
    """A figure with its numbers under it ("show data": the table and a download that keeps
    every text a text, SPEC 6); ``selectable`` as in ``plot``."""
    event = plot(fig, key, selectable=selectable)
    if data is not None and data.rows:
        show_data(c, data, key)
    return event


def show_data(c: Ctx, data: Table, key: str) -> None:
    """The table behind a chart, folded away under "show data", with its download."""
    with st.expander(c.t("ui.chart.show_data"), icon=":material/table:"):
        st.dataframe(data.display(c.lang), hide_index=True, width="stretch")
        st.download_button(
            c.t("ui.chart.download"),
            partial(table_workbook, data, c.lang),
            file_name=f"{slug(data.title)}.xlsx",
            mime=XLSX,
            icon=":material/download:",
            on_click="ignore",
            key=f"data:{key}",
        )


def slug(text: str) -> str:
    """A file name from a title: letters, digits and dashes."""
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)[:60] or "data"


def frame(rows: list[dict[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns) if columns else None)


def table(
    c: Ctx,
    rows: pd.DataFrame,
    headers: Mapping[str, Any],
    units: Mapping[str, str] | None = None,
) -> None:
    """The columns of ``rows`` named in ``headers``, in that order, each headed by the text of
    its message key (or by a ready column config, for dates and numbers), with a download of
    the same table (``export.table_file``: text cells stay text, numbers keep the format of
    their unit in ``units``, e.g. ``eur``; a column without a unit is written as it is), the
    only download, as Streamlit's own CSV export is off (``client.disableDataExport``).
    A column with a unit is shown as text in the reader's format (``1 234,50 €``)."""
    units = units or {}
    shown = rows[list(headers)]
    config = {
        column: c.t(head) if isinstance(head, str) else head for column, head in headers.items()
    }
    st.dataframe(
        shown.assign(
            **{
                column: [format_value(v, unit, c.lang) for v in shown[column]]
                for column, unit in units.items()
            }
        ),
        hide_index=True,
        column_config=config,
    )
    titles = [
        config[column]
        if isinstance(config[column], str)
        else (config[column].get("label") or column)
        for column in headers
    ]
    columns = [(title, units.get(column, TEXT)) for title, column in zip(titles, headers)]
    values = shown.astype(object).where(shown.notna(), None).values.tolist()
    digest = hashlib.sha256(repr((columns, values)).encode("utf-8")).hexdigest()[:16]
    st.download_button(
        c.t("ui.export.table"),
        lambda: table_workbook(data_table("", columns, values), c.lang),
        file_name=c.t("ui.export.table_file"),
        mime=XLSX,
        icon=":material/download:",
        on_click="ignore",
        key=f"table_download:{digest}",
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
