"""Chart colours and fill patterns, defined once.

The value-recipient colours live in the Streamlit theme (``.streamlit/config.toml``,
``[theme] chartCategoricalColors``) so the app chrome and every chart agree; this module reads
them from there. Every categorical series also gets a fill pattern or line dash, so a chart
stays readable in greyscale and for colour-blind readers.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from indicators.record import RECIPIENTS

THEME_FILE = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"

# Bar fill patterns and line dashes, cycled in series order (plotly names).
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "star", "x", "hexagon")

# Neutral colours for reference lines and targets.
REFERENCE = "#444444"
TARGET = "#c53948"
MUTED = "#9e9e9e"


@lru_cache(maxsize=1)
def palette() -> tuple[str, ...]:
    """The theme's categorical colours."""
    with THEME_FILE.open("rb") as fh:
        return tuple(tomllib.load(fh)["theme"]["chartCategoricalColors"])


def recipient_colour(recipient: str) -> str:
    """The fixed colour of a value recipient (``region``, ``cluster_org``, ...)."""
    return palette()[RECIPIENTS.index(recipient)]


def series_style(index: int) -> dict[str, str]:
    """Colour, fill pattern, dash and marker symbol of the ``index``-th series of a chart."""
    colours = palette()
    return {
        "colour": colours[index % len(colours)],
        "pattern": PATTERNS[index % len(PATTERNS)],
        "dash": DASHES[index % len(DASHES)],
        "symbol": SYMBOLS[index % len(SYMBOLS)],
    }


def shades(colour: str, count: int) -> list[str]:
    """``count`` tints of ``colour`` from light to full (older years lighter, the latest full)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    out = []
    for index in range(count):
        weight = 0.35 + 0.65 * (index + 1) / count
        out.append(
            "#"
            + "".join(f"{round(255 - (255 - part) * weight):02x}" for part in (red, green, blue))
        )
    return out
