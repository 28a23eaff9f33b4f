"""Charts as inline SVG for the printed board report: no script, no remote request, a few
kilobytes each, every label real text (printed sharp, found by search, read by a screen reader).

The chart lays itself out from estimated text widths, as plotly's automargin does: the value
axis' margin grows to its longest tick label, category labels wrap to fit their slot, the legend
wraps to the width, a value sits inside its bar when it fits, above it otherwise. Value axes
start at zero. Every series has a fill pattern or a dash besides its colour, so a greyscale print
still tells them apart. The drawing scales to the page (``viewBox``), so it never clips on A4.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from charts import colours
from charts.units import plot_value
from indicators.present import format_value, missing

WIDTH = 680  # px at 96 dpi: about 180 mm, A4 inside 15 mm margins
FONT = 12
SMALL = 11
GLYPH = 0.56  # average glyph width of the sans-serif stack, in em
INK, MUTED, GRID = "#1d2733", "#5b6672", "#dde3e8"
PAD = 6
_DASHES = ("", "6 4", "2 3", "8 3 2 3")
_MARKERS = ("circle", "square", "diamond")


@dataclass(frozen=True)
class Series:
    """One series: its name, one value per category, and the text written for each value
    (the caller's words for what is hidden or not recorded)."""

    name: str
    values: Sequence[float | None]
    texts: Sequence[str] = field(default_factory=tuple)


def text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * GLYPH


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """``text`` in lines no wider than ``width`` (a longer single word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top`` (1, 2, 2.5 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text(
    x: float,
    y: float,
    body: str,
    *,
    size: int = FONT,
    anchor: str = "middle",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{_e(body)}</text>'
    )


def _lines_text(x: float, y: float, lines: list[str], size: int = FONT) -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size + 2}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="middle" fill="{INK}">'
        f"{spans}</text>"
    )


def _patterns(chart_id: str, count: int) -> str:
    """One hatch per series (the first plain), drawn in white over the series colour."""
    shapes = (
        "",
        '<path d="M0,8 L8,0" stroke="#fff" stroke-width="2"/>',
        '<circle cx="4" cy="4" r="1.4" fill="#fff"/>',
        '<path d="M0,0 L8,8 M0,8 L8,0" stroke="#fff" stroke-width="1.3"/>',
        '<path d="M0,0 L8,8" stroke="#fff" stroke-width="2"/>',
        '<path d="M4,0 L4,8 M0,4 L8,4" stroke="#fff" stroke-width="1.3"/>',
    )
    out = []
    for i in range(count):
        colour = colours.series_style(i)["colour"]
        shape = shapes[i % len(shapes)]
        out.append(
            f'<pattern id="{chart_id}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{shape}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def _legend(chart_id: str, names: Sequence[str], *, lines_: bool = False) -> tuple[str, float]:
    """Swatch and name per series, wrapping to the width; the SVG and the height it takes."""
    x, y, parts = 0.0, FONT, []
    for i, name in enumerate(names):
        w = 18 + 6 + text_width(name, SMALL) + 16
        if x and x + w > WIDTH:
            x, y = 0.0, y + SMALL + 8
        if lines_:
            style = colours.series_style(i)
            dash = _DASHES[i % len(_DASHES)]
            parts.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 18:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{style["colour"]}" stroke-width="2.5" stroke-dasharray="{dash}"/>'
                + _marker(i, x + 9, y - 4, style["colour"])
            )
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="18" height="12" '
                f'fill="url(#{chart_id}-p{i})"/>'
            )
        parts.append(_text(x + 24, y, name, size=SMALL, anchor="start"))
        x += w
    return "".join(parts), (y + 8 if names else 0)


def _marker(index: int, x: float, y: float, colour: str) -> str:
    kind = _MARKERS[index % len(_MARKERS)]
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5:.1f} l5,5 l-5,5 l-5,-5 z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the margins, and the value scale."""

    left: float
    top: float
    width: float
    height: float
    low: float
    high: float

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.top + self.height * (1 - (value - self.low) / span)


def _axis(frame: _Frame, ticks: list[float], unit: str, lang: str, *, plotted: bool = True) -> str:
    parts = []
    for tick in ticks:
        y = frame.y(tick)
        parts.append(
            f'<line x1="{frame.left:.1f}" y1="{y:.1f}" x2="{frame.left + frame.width:.1f}" '
            f'y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        label = format_value(
            tick / 100 if plotted and unit in ("share", "ratio") else tick, unit, lang
        )
        parts.append(_text(frame.left - PAD, y + 4, label, size=SMALL, anchor="end", fill=MUTED))
    return "".join(parts)


def _category_labels(frame: _Frame, categories: Sequence[str]) -> tuple[str, float]:
    slot = frame.width / max(len(categories), 1)
    wrapped = [wrap(c, slot - 4, SMALL) for c in categories]
    parts = [
        _lines_text(
            frame.left + slot * (i + 0.5), frame.top + frame.height + SMALL + 6, lines, SMALL
        )
        for i, lines in enumerate(wrapped)
    ]
    rows = max((len(lines) for lines in wrapped), default=1)
    return "".join(parts), rows * (SMALL + 2) + 10


def _margin_for(ticks: list[float], unit: str, lang: str) -> float:
    labels = [format_value(t / 100 if unit in ("share", "ratio") else t, unit, lang) for t in ticks]
    return max(text_width(label, SMALL) for label in labels) + PAD * 2


def _svg(chart_id: str, title: str, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t" class="chart" '
        f'font-family="Segoe UI, Roboto, Arial, sans-serif"><title id="{chart_id}-t">'
        f"{_e(title)}</title>{body}</svg>"
    )


def bars(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str,
    lang: str,
    stacked: bool = False,
    plot_height: float = 200,
) -> str:
    """Vertical bars per category: grouped side by side, or ``stacked``; values on the bars."""
    plotted = [[plot_value(v, unit) for v in s.values] for s in series]
    if stacked:
        totals = [sum(v or 0 for v in col) for col in zip(*plotted)] if plotted else [0]
        top = max(totals, default=0)
    else:
        top = max((v for vals in plotted for v in vals if v is not None), default=0)
    ticks = nice_ticks(top * (1.0 if stacked else 1.12))
    legend, legend_h = _legend(chart_id, [s.name for s in series]) if len(series) > 1 else ("", 0)
    left = _margin_for(ticks, unit, lang)
    frame = _Frame(left, legend_h + 14, WIDTH - left - 4, plot_height, 0.0, ticks[-1])
    labels, labels_h = _category_labels(frame, categories)
    slot = frame.width / max(len(categories), 1)
    group = slot * 0.72
    parts = [_patterns(chart_id, len(series)), legend, _axis(frame, ticks, unit, lang)]
    base = [0.0] * len(categories)
    for si, (s, values) in enumerate(zip(series, plotted)):
        texts = list(s.texts) or [
            format_value(v, unit, lang) if not missing(v) else "" for v in s.values
        ]
        width = group if stacked else group / len(series)
        for ci, value in enumerate(values):
            if value is None:
                continue
            x = frame.left + slot * ci + (slot - group) / 2 + (0 if stacked else width * si)
            y0 = frame.y(base[ci]) if stacked else frame.y(0)
            y1 = frame.y(base[ci] + value) if stacked else frame.y(value)
            parts.append(
                f'<rect x="{x:.1f}" y="{y1:.1f}" width="{width - 1:.1f}" '
                f'height="{max(y0 - y1, 0):.1f}" fill="url(#{chart_id}-p{si})"/>'
            )
            label = texts[ci] if ci < len(texts) else ""
            fits = text_width(label, SMALL) <= width - 2 and (y0 - y1) >= SMALL + 6
            if label and stacked and fits:
                parts.append(_boxed(x + width / 2, (y0 + y1) / 2 + 4, label))
            elif label and not stacked:
                parts.append(_text(x + width / 2, y1 - 4, label, size=SMALL))
            if stacked:
                base[ci] += value
    parts.append(labels)
    return _svg(chart_id, title, frame.top + frame.height + labels_h, "".join(parts))


def _boxed(x: float, y: float, label: str) -> str:
    """A value inside a bar on a white plate, readable over any colour and hatch."""
    w = text_width(label, SMALL) + 6
    return (
        f'<rect x="{x - w / 2:.1f}" y="{y - SMALL:.1f}" width="{w:.1f}" height="{SMALL + 4}" '
        f'rx="2" fill="#ffffff" fill-opacity="0.85"/>' + _text(x, y, label, size=SMALL)
    )


def lines(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str,
    lang: str,
    plot_height: float = 180,
    value_range: tuple[float, float] | None = None,
    axis_unit: str | None = None,
) -> str:
    """Lines over the categories (years), each point labelled; the axis starts at zero unless
    ``value_range`` fixes it (an index around 100)."""
    plotted = [[plot_value(v, unit) for v in s.values] for s in series]
    known = [v for vals in plotted for v in vals if v is not None]
    if value_range is None:
        ticks = nice_ticks(max(known, default=0) * 1.15)
        low, high = 0.0, ticks[-1]
    else:
        low, high = value_range
        step = nice_ticks(high - low)[1]
        ticks = [low + step * i for i in range(int((high - low) / step) + 1)]
    tick_unit = axis_unit or unit
    legend, legend_h = _legend(chart_id, [s.name for s in series], lines_=True)
    left = _margin_for(ticks, tick_unit, lang)
    frame = _Frame(left, legend_h + 16, WIDTH - left - 24, plot_height, low, high)
    labels, labels_h = _category_labels(frame, categories)
    slot = frame.width / max(len(categories), 1)
    parts = [legend, _axis(frame, ticks, tick_unit, lang, plotted=axis_unit is None)]
    for si, (s, values) in enumerate(zip(series, plotted)):
        style = colours.series_style(si)
        points = [
            (frame.left + slot * (ci + 0.5), frame.y(v))
            for ci, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{style["colour"]}" '
                f'stroke-width="2.5" stroke-dasharray="{_DASHES[si % len(_DASHES)]}"/>'
            )
        texts = list(s.texts) or [
            format_value(v, unit, lang) if not missing(v) else "" for v in s.values
        ]
        for ci, v in enumerate(values):
            if v is None:
                continue
            x, y = frame.left + slot * (ci + 0.5), frame.y(v)
            parts.append(_marker(si, x, y, style["colour"]))
            if ci < len(texts) and texts[ci]:
                parts.append(_text(x, y - 9, texts[ci], size=SMALL))
    parts.append(labels)
    return _svg(chart_id, title, frame.top + frame.height + labels_h, "".join(parts))


def hbars(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    texts: Sequence[str],
    *,
    unit: str,
    lang: str,
) -> str:
    """Horizontal bars with long labels on the left (survey statements), each bar's value and
    n written after it; the value axis from zero to the scale's top (100 % for a share)."""
    label_w = WIDTH * 0.42
    wrapped = [wrap(label, label_w - PAD, SMALL) for label in labels]
    row_h = [max(len(lines), 1) * (SMALL + 2) + 10 for lines in wrapped]
    plotted = [plot_value(v, unit) for v in values]
    high = (
        100.0
        if unit in ("share", "ratio")
        else max((v for v in plotted if v is not None), default=1)
    )
    text_room = max((text_width(t, SMALL) for t in texts), default=0) + PAD * 2
    bar_w = WIDTH - label_w - text_room
    parts, y = [], 4.0
    for lines_, h, v, text in zip(wrapped, row_h, plotted, texts):
        spans = "".join(
            f'<tspan x="{label_w - PAD:.1f}" dy="{0 if i == 0 else SMALL + 2}">{_e(line)}</tspan>'
            for i, line in enumerate(lines_)
        )
        first = y + h / 2 - (len(lines_) - 1) * (SMALL + 2) / 2 + 4
        parts.append(
            f'<text x="{label_w - PAD:.1f}" y="{first:.1f}" font-size="{SMALL}" '
            f'text-anchor="end" fill="{INK}">{spans}</text>'
        )
        width = 0.0 if v is None else bar_w * v / high
        parts.append(
            f'<rect x="{label_w:.1f}" y="{y + 3:.1f}" width="{width:.1f}" height="{h - 6:.1f}" '
            f'fill="{colours.series_style(1)["colour"]}"/>'
        )
        parts.append(_text(label_w + width + PAD, y + h / 2 + 4, text, size=SMALL, anchor="start"))
        y += h
    parts.append(
        f'<line x1="{label_w:.1f}" y1="2" x2="{label_w:.1f}" y2="{y:.1f}" stroke="{MUTED}"/>'
    )
    return _svg(chart_id, title, y + 6, "".join(parts))
