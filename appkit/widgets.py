"""The building blocks pages draw with: page header, caveats, empty states, charts, tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from appkit.context import Ctx
from appkit.markdown import escape

DATA_IMPORT_PAGE = "pages/data_import.py"
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
