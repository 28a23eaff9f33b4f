"""Plotly figure builders for the pages.

Every builder takes pre-aggregated rows (per year and category; nothing row-level reaches a
chart), the language and the unit, and returns a figure that is readable without colour:
bars carry fill patterns and their values as text, lines carry dashes, marker symbols and
labels. Years are categories, never a continuous axis.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from charts import colours
from charts.units import axis, plot_value, relative_change_text, separators
from indicators.present import format_value

HEIGHT = 340
MAX_LABELLED_LINES = 3
SMALL_COUNT = 6  # count axes up to this get a tick at every whole number


def wrapped(text: str, width: int = 24) -> str:
    """``text`` broken into label lines of about ``width`` characters (plotly's ``<br>``)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


@lru_cache(maxsize=16)
def template(default: str | None, types: frozenset[str]) -> dict[str, object] | None:
    """The default template (Streamlit's theme in the app) with the styling of ``types`` only.
    Whole, it styles ten trace types and is most of a small figure: sent to the browser and
    checked again by plotly each time a page draws the figure."""
    if not default:
        return None
    whole = pio.templates[default].to_plotly_json()
    data = {kind: styles for kind, styles in whole.get("data", {}).items() if kind in types}
    return {"layout": whole.get("layout", {}), "data": data}


def _layout(
    fig: go.Figure,
    lang: str,
    unit: str,
    *,
    height: int = HEIGHT,
    barmode: str | None = None,
    x_title: str | None = None,
) -> go.Figure:
    """Shared layout: margins that grow to fit every label (automargin), the legend above the
    plot where nothing else is drawn (charts carry no title of their own: the page heads them),
    horizontal tick labels, the unit on the value axis, which starts at zero."""
    fig.layout.template = template(pio.templates.default, frozenset(t.type for t in fig.data))
    fig.update_layout(
        separators=separators(lang),
        height=height,
        margin={"l": 4, "r": 4, "t": 4, "b": 4, "autoexpand": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hovermode="closest",
        uniformtext={"minsize": 10, "mode": "hide"},
        **({"barmode": barmode} if barmode else {}),
    )
    fig.update_xaxes(type="category", title=x_title, automargin=True, tickangle=0)
    fig.update_yaxes(**axis(unit, lang), automargin=True)
    if unit == "count" and _top(fig) == 0:
        fig.update_yaxes(range=[0, 1], dtick=1)  # nothing counted: 0 and 1, no 0,2 ticks
    elif unit == "count" and barmode != "stack" and _top(fig) < SMALL_COUNT:
        fig.update_yaxes(dtick=1)  # whole numbers only: no 0,2 ticks on a count axis
    return fig


def wrap(text: str, width: int = 14) -> str:
    """A category label broken into lines of about ``width`` characters (``<br>``), so a long
    name stays horizontal and readable instead of being tilted over its neighbours."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _top(fig: go.Figure) -> float:
    """The largest value drawn (along x for horizontal bars)."""
    values = [
        v
        for trace in fig.data
        if trace.type in ("bar", "scatter")
        for v in ((trace.x if getattr(trace, "orientation", None) == "h" else trace.y) or ())
        if isinstance(v, (int, float))
    ]
    return max(values, default=0)


def _pattern(shape: str | list[str]) -> dict[str, object]:
    """A faint white hatch over the bar's colour (an empty shape = a plain bar): it tells the
    series apart without colour and leaves the white value inside the bar readable."""
    return {
        "shape": shape,
        "fillmode": "overlay",
        "fgcolor": "rgba(255,255,255,0.45)",
        "size": 9,
        "solidity": 0.15,
    }


def _texts(values: Sequence[float | None], unit: str, lang: str) -> list[str]:
    return [format_value(v, unit, lang) if v is not None and not pd.isna(v) else "" for v in values]


def _plotted(values: Sequence[float | None], unit: str) -> list[float | None]:
    return [None if v is None or pd.isna(v) else plot_value(v, unit) for v in values]


def stacked_bars(
    df: pd.DataFrame,
    *,
    x: str,
    series: str,
    value: str,
    labels: Mapping[str, str],
    unit: str,
    lang: str,
    order: Sequence[str] | None = None,
    colour_of: Mapping[str, str] | None = None,
    barmode: str = "stack",
    horizontal: bool = False,
) -> go.Figure:
    """Bars per ``x`` (a year), one trace per ``series`` value in ``order``, stacked or grouped.
    ``horizontal`` puts the categories on the vertical axis: names (organisation types, funding
    groups) then stay readable side by side at any width, also on a phone."""
    fig = go.Figure()
    keys = list(order) if order is not None else list(dict.fromkeys(df[series]))
    xs_raw = list(dict.fromkeys(df[x]))
    xs = [str(v) for v in (sorted(xs_raw) if pd.api.types.is_numeric_dtype(df[x]) else xs_raw)]
    for index, key in enumerate(keys):
        part = df[df[series] == key]
        if part.empty:
            continue
        by_x = dict(zip(part[x].astype(str), part[value]))
        values = [by_x.get(v) for v in xs]
        style = colours.series_style(index)
        colour = (colour_of or {}).get(key, style["colour"])
        plotted = _plotted(values, unit)
        fig.add_bar(
            x=plotted if horizontal else xs,
            y=xs if horizontal else plotted,
            orientation="h" if horizontal else "v",
            name=labels.get(key, key),
            text=_texts(values, unit, lang),
            textposition="inside" if barmode == "stack" else "outside",
            textangle=0,
            insidetextfont={"color": "#ffffff"},
            cliponaxis=False,
            marker={"color": colour, "pattern": _pattern(style["pattern"])},
            hovertemplate=("%{y}" if horizontal else "%{x}")
            + ": %{text}<extra>"
            + labels.get(key, key)
            + "</extra>",
        )
    if not horizontal:
        return _layout(fig, lang, unit, barmode=barmode)
    rows = len(xs) * (len(fig.data) if barmode == "group" else 1)
    return _sideways(
        _layout(fig, lang, unit, barmode=barmode, height=90 + 22 * rows + 10 * len(xs))
    )


def _sideways(fig: go.Figure) -> go.Figure:
    """A horizontal bar chart's axes: categories down the side in their given order, the value
    axis along the bottom from zero with the unit, room right of the longest bar for its value."""
    value_axis = fig.layout.yaxis.to_plotly_json()
    top = max((v for t in fig.data for v in (t.x or ()) if v is not None), default=0)
    fig.update_yaxes(
        type="category",
        autorange="reversed",
        tickformat=None,
        ticksuffix=None,
        tickprefix=None,
        rangemode=None,
        dtick=None,
        range=None,
        automargin=True,
    )
    fig.update_xaxes(
        type="linear",
        tickangle=0,
        **{
            k: v
            for k, v in value_axis.items()
            if k in ("tickformat", "ticksuffix", "tickprefix", "rangemode", "dtick")
        },
    )
    fig.update_xaxes(range=[0, (top or 1) * 1.25])
    return fig


def side_by_side(
    df: pd.DataFrame, *, x: str, columns: Mapping[str, str], unit: str, lang: str
) -> go.Figure:
    """Bars of several ``columns`` (column → label) of ``df`` side by side per ``x`` (a year)."""
    long = df.melt(id_vars=x, value_vars=list(columns), var_name="column")
    return stacked_bars(
        long,
        x=x,
        series="column",
        value="value",
        labels=columns,
        unit=unit,
        lang=lang,
        barmode="group",
    )


def paid_vs_committed(
    df: pd.DataFrame,
    *,
    series: str,
    labels: Mapping[str, str],
    status_labels: Mapping[str, str],
    lang: str,
    order: Sequence[str] | None = None,
    colour_of: Mapping[str, str] | None = None,
) -> go.Figure:
    """Funding per year: a stacked bar of what was paid, and beside it, only in the years that
    have some, a hatched bar of what was committed but not paid.

    ``df`` has ``year``, the ``series`` column, ``paid_eur`` and ``committed_eur``.
    """
    years = sorted(df["year"].unique())
    committed_years = {int(y) for y in df.loc[df["committed_eur"].fillna(0) > 0, "year"]}
    columns = [(y, "paid_eur") for y in years] + [
        (y, "committed_eur") for y in years if int(y) in committed_years
    ]
    columns.sort(key=lambda c: (c[0], c[1] != "paid_eur"))
    x = [
        f"{y}" if int(y) not in committed_years else f"{y}<br>{status_labels[s]}"
        for y, s in columns
    ]
    fig = go.Figure()
    keys = list(order) if order is not None else list(dict.fromkeys(df[series]))
    indexed = df.set_index(["year", series])
    for index, key in enumerate(keys):
        if key not in set(df[series]):
            continue
        values = [indexed[s].get((y, key)) for y, s in columns]
        values = [None if v is None or pd.isna(v) or v == 0 else float(v) for v in values]
        if not any(values):
            continue
        style = colours.series_style(index)
        colour = (colour_of or {}).get(key, style["colour"])
        shapes = [("/" if s == "committed_eur" else style["pattern"]) for _, s in columns]
        fig.add_bar(
            x=x,
            y=values,
            name=labels.get(key, key),
            text=_texts(values, "eur", lang),
            textposition="inside",
            insidetextfont={"color": "#ffffff"},
            marker={"color": colour, "pattern": _pattern(shapes)},
            hovertemplate="%{x}: %{text}<extra>" + labels.get(key, key) + "</extra>",
        )
    fig = _layout(fig, lang, "eur", barmode="stack")
    fig.update_xaxes(title=status_labels["paid_eur"] if not committed_years else None)
    return fig


def funding_mix(
    df: pd.DataFrame,
    reference: Mapping[str, float],
    *,
    labels: Mapping[str, str],
    reference_label: str,
    lang: str,
    order: Sequence[str],
    colour: str,
) -> go.Figure:
    """Paid funding shares per group (a bar per year, older years lighter) beside the reference
    mix (a marker per group; each group's reference share is also written under its name).
    Groups run down the side, so their names stay readable on a phone.

    ``df`` has ``year``, ``funding_group`` and ``share`` (0–1 or None).
    """
    fig = go.Figure()
    groups = list(order)
    names = [
        labels.get(g, g)
        + (f" ({format_value(reference[g], 'share', lang)})" if g in reference else "")
        for g in groups
    ]
    years = sorted(df["year"].unique())
    for index, (year, tint) in enumerate(zip(years, colours.shades(colour, len(years)))):
        part = df[df["year"] == year].set_index("funding_group")["share"]
        values = [part.get(g) for g in groups]
        fig.add_bar(
            y=names,
            x=_plotted(values, "share"),
            orientation="h",
            name=str(year),
            text=_texts(values, "share", lang),
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": tint,
                "pattern": _pattern(colours.PATTERNS[index % len(colours.PATTERNS)]),
            },
            hovertemplate="%{y}: %{text}<extra>" + str(year) + "</extra>",
        )
    ref_values = [reference.get(g) for g in groups]
    fig.add_scatter(
        y=names,
        x=_plotted(ref_values, "share"),
        name=reference_label,
        mode="markers",
        marker={
            "symbol": "line-ns-open",
            "size": 16 + 12 * len(years),
            "color": colours.REFERENCE,
            "line": {"width": 3, "color": colours.REFERENCE},
        },
        customdata=_texts(ref_values, "share", lang),
        hovertemplate="%{y}: %{customdata}<extra>" + reference_label + "</extra>",
    )
    rows = len(groups) * len(years)
    fig = _layout(fig, lang, "share", barmode="group", height=90 + 22 * rows + 10 * len(groups))
    return _sideways(fig)


def lines(
    df: pd.DataFrame,
    *,
    x: str,
    columns: Mapping[str, str],
    unit: str,
    lang: str,
    colour_of: Mapping[str, str] | None = None,
    from_zero: bool = True,
    y_range: tuple[float, float] | None = None,
) -> go.Figure:
    """One line per column of ``columns`` (column → label) over ``x``.

    Values are written beside the points when there are at most three lines (more would
    overlap; the hover and the page's table give them). ``from_zero=False`` lets the axis start
    near the data (context series such as population); ``y_range`` fixes it (a 1–5 scale).
    """
    labelled = len(columns) <= MAX_LABELLED_LINES
    fig = go.Figure()
    xs = [str(v) for v in df[x]]
    positions = _label_positions(df, list(columns))
    for index, (column, label) in enumerate(columns.items()):
        values = list(df[column])
        style = colours.series_style(index)
        colour = (colour_of or {}).get(column, style["colour"])
        fig.add_scatter(
            x=xs,
            y=_plotted(values, unit),
            name=label,
            mode="lines+markers+text" if labelled else "lines+markers",
            text=_texts(values, unit, lang),
            textposition=positions[column],
            line={"color": colour, "dash": style["dash"], "width": 2.5},
            marker={"symbol": style["symbol"], "size": 9, "color": colour},
            connectgaps=False,
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra>" + label + "</extra>",
        )
    fig = _layout(fig, lang, unit)
    if not from_zero:
        fig.update_yaxes(rangemode="normal")
    if y_range is not None:
        fig.update_yaxes(range=list(y_range))
    return fig


def _label_positions(df: pd.DataFrame, columns: list[str]) -> dict[str, list[str]]:
    """Where each point's value label goes so the labels of several lines stay apart: at each
    x the highest point's label above it, the lowest one's below it (unless it sits near the
    axis, where the year labels are), any other beside it."""
    values = df[columns].astype(float)
    top = float(values.max().max()) if len(values) else 0.0
    out: dict[str, list[str]] = {c: [] for c in columns}
    for _, row in values.iterrows():
        known = row.dropna().sort_values(ascending=False)
        for column in columns:
            if column not in known.index or len(known) == 1 or column == known.index[0]:
                out[column].append("top center")
            elif column == known.index[-1]:
                near_axis = top and known[column] < 0.15 * top
                out[column].append("top center" if near_axis else "bottom center")
            else:
                out[column].append("middle right")
    return out


def matrix(
    df: pd.DataFrame,
    *,
    rows: str,
    cols: str,
    value: str,
    row_order: Sequence[str],
    col_order: Sequence[str],
    col_labels: Mapping[str, str],
    lang: str,
    row_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """A count matrix (e.g. tier × engagement level) as a heat map with the count in each cell."""
    table = df.pivot_table(index=rows, columns=cols, values=value, aggfunc="sum", fill_value=0)
    table = table.reindex(index=list(row_order), columns=list(col_order), fill_value=0)
    z = table.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(col_labels.get(c, c)) for c in table.columns],
            y=[str((row_labels or {}).get(r, r)) for r in table.index],
            text=[[format_value(v, "count", lang) for v in row] for row in z],
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig = _layout(fig, lang, "count", height=max(220, 60 + 44 * len(table.index)))
    fig.update_yaxes(type="category", autorange="reversed", rangemode=None, tickformat=None)
    return fig


def metric_trend(
    df: pd.DataFrame,
    *,
    label: str,
    unit: str,
    lang: str,
    colour: str,
    target_label: str,
    suppressed_label: str,
) -> go.Figure:
    """One indicator metric over the years: bars with values, target markers, suppressed years.

    ``df`` has ``year``, ``value``, ``target`` and ``suppressed``.
    """
    xs = [str(y) for y in df["year"]]
    values = list(df["value"])
    fig = go.Figure()
    texts = [
        suppressed_label if s else t for s, t in zip(df["suppressed"], _texts(values, unit, lang))
    ]
    fig.add_bar(
        x=xs,
        y=_plotted(values, unit),
        name=label,
        text=texts,
        textposition="outside",
        marker={"color": colour},
        cliponaxis=False,
        hovertemplate="%{x}: %{text}<extra>" + label + "</extra>",
    )
    suppressed = [x for x, s in zip(xs, df["suppressed"]) if s]
    if suppressed:
        fig.add_scatter(
            x=suppressed,
            y=[0] * len(suppressed),
            mode="text",
            text=[suppressed_label] * len(suppressed),
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
        )
    targets = list(df["target"])
    has_target = any(t is not None and not pd.isna(t) for t in targets)
    if has_target:
        fig.add_scatter(
            x=xs,
            y=_plotted(targets, unit),
            name=target_label,
            mode="markers",
            marker={
                "symbol": "line-ew-open",
                "size": 36,
                "line": {"width": 3, "color": colours.TARGET},
            },
            customdata=_texts(targets, unit, lang),
            hovertemplate="%{x}: %{customdata}<extra>" + target_label + "</extra>",
        )
    fig = _layout(fig, lang, unit, height=260)
    fig.update_layout(showlegend=has_target)
    return fig


def trend_bars(
    years: Sequence[int],
    values: Sequence[float | None],
    texts: Sequence[str],
    *,
    unit: str,
    lang: str,
    highlight: int,
    colour: str,
    height: int = 150,
) -> go.Figure:
    """A figure's several-year series as small bars under its headline number: the chosen year
    in full colour, the others lighter, each bar's value written on it (``texts``: the caller's
    words for years not recorded or hidden); no value axis, the bars start at zero."""
    xs = [str(y) for y in years]
    light = colours.shades(colour, 2)[0]
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=_plotted(values, unit),
            text=list(texts),
            textposition="outside",
            cliponaxis=False,
            marker={"color": [colour if y == highlight else light for y in years]},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    fig = _layout(fig, lang, unit, height=height)
    top = max((v for v in _plotted(values, unit) if v is not None), default=0) or 1
    fig.update_yaxes(visible=False, range=[0, top * 1.35])
    fig.update_layout(showlegend=False, bargap=0.35)
    return fig


def index_lines(
    df: pd.DataFrame,
    *,
    x: str,
    columns: Mapping[str, str],
    lang: str,
    index_label: str,
    min_span: float = 10.0,
) -> go.Figure:
    """Context series as an index, each series' first year with a value = 100, every point
    labelled with its change since then (``−0,7 %``). The axis spans at least ``min_span``
    index points either side of 100, so a small change looks small and not like a plunge;
    series of different sizes (population, jobs) share one honest axis."""
    fig = go.Figure()
    xs = [str(v) for v in df[x]]
    lowest, highest = 100.0 - min_span, 100.0 + min_span
    for index, (column, label) in enumerate(columns.items()):
        raw = [None if v is None or pd.isna(v) else float(v) for v in df[column]]
        base = next((v for v in raw if v), None)
        if base is None:
            continue
        points = [None if v is None else v / base * 100 for v in raw]
        texts = [
            ""
            if p is None
            else ("100" if i == raw.index(base) else relative_change_text(p / 100 - 1, lang))
            for i, p in enumerate(points)
        ]
        known = [p for p in points if p is not None]
        lowest, highest = min(lowest, *known), max(highest, *known)
        style = colours.series_style(index)
        fig.add_scatter(
            x=xs,
            y=points,
            name=label,
            mode="lines+markers+text" if len(columns) <= MAX_LABELLED_LINES else "lines+markers",
            text=texts,
            textposition="top center",
            line={"color": style["colour"], "dash": style["dash"], "width": 2.5},
            marker={"symbol": style["symbol"], "size": 9, "color": style["colour"]},
            cliponaxis=False,
            customdata=_texts(raw, "count", lang),
            hovertemplate="%{x}: %{customdata} (%{text})<extra>" + label + "</extra>",
        )
    fig = _layout(fig, lang, "count")
    fig.add_hline(y=100, line={"color": colours.MUTED, "width": 1, "dash": "dot"})
    fig.update_yaxes(
        range=[lowest - 2, highest + 2], rangemode="normal", title=index_label, dtick=None
    )
    return fig
