"""Units of indicator values on a chart axis and in a chart's figures.

The text of a value is ``indicators.present.format_value`` (``1 234,50 €``, ``12,5 %``); charts
plot shares as percentages (value × 100) so the axis can carry the Finnish ``%`` with a space.
"""

from __future__ import annotations

from i18n import format as fmt
from i18n import t
from i18n.format import NBSP
from indicators.present import PERCENT_UNITS, format_value, missing


def plot_value(value: float | None, unit: str) -> float | None:
    """The number a chart plots for ``value``: shares become percentages."""
    if missing(value):
        return None
    return float(value) * 100 if unit in PERCENT_UNITS else float(value)


def axis(unit: str, lang: str) -> dict[str, object]:
    """Plotly axis settings for a unit: thousands separators and the unit as a suffix/prefix."""
    settings: dict[str, object] = {"tickformat": ",~f", "rangemode": "tozero"}
    if unit == "eur":
        settings |= {"tickformat": ",.0f"}
        settings |= {"ticksuffix": f"{NBSP}€"} if lang == "fi" else {"tickprefix": "€"}
    elif unit in PERCENT_UNITS:
        settings |= {"tickformat": ",.0f", "ticksuffix": f"{NBSP}%" if lang == "fi" else "%"}
    return settings


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators: ``1 234,5`` in Finnish, ``1,234.5`` in English."""
    return ", " if lang == "fi" else ".,"


def change_text(change: float, unit: str, lang: str) -> str:
    """A signed difference in the unit (percentage points for shares): ``+12``, ``−1,5 %-yks.``."""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    if unit in PERCENT_UNITS:
        return sign + t("ui.unit.points", lang, value=fmt.number(abs(change) * 100, lang, 1))
    return sign + format_value(abs(change), unit, lang)


def relative_change_text(change: float, lang: str) -> str:
    """A relative change with its sign, one decimal: ``+1,2 %``, ``−0,7 %``."""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return sign + format_value(abs(change), "ratio", lang)
