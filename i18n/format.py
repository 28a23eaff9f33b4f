"""Number, money, share and date formatting in Finnish (``1 234,50 €``, ``15.5.2023``) or
English."""

from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"


def number(value: float | None, lang: str = "fi", decimals: int = 0) -> str:
    """``1 234,5`` in Finnish, ``1,234.5`` in English; an en dash for None."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "fi":
        text = text.replace(",", NBSP).replace(".", ",")
    return text.replace("-", "−") if text.startswith("-") else text


def money(value: float | None, lang: str = "fi", decimals: int = 0) -> str:
    """``1 234 €`` in Finnish, ``€1,234`` in English."""
    if value is None:
        return "–"
    body = number(abs(value), lang, decimals)
    sign = "−" if value < 0 else ""
    return f"{sign}{body}{NBSP}€" if lang == "fi" else f"{sign}€{body}"


def share(value: float | None, lang: str = "fi", decimals: int = 0) -> str:
    """A fraction 0-1 as a percentage: ``40 %`` in Finnish, ``40%`` in English."""
    if value is None:
        return "–"
    body = number(value * 100, lang, decimals)
    return f"{body}{NBSP}%" if lang == "fi" else f"{body}%"


def date(value: dt.date | None, lang: str = "fi") -> str:
    """``15.5.2023`` in Finnish, ``2023-05-15`` in English."""
    if value is None:
        return "–"
    return f"{value.day}.{value.month}.{value.year}" if lang == "fi" else value.isoformat()


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(text: str) -> float | None:
    """A number as a person types it, in either language: ``1 500,5``, ``0,4``, ``0.35``,
    ``−2``, ``40 %`` (a share: 0.4); None when the text is empty or not a number. A comma
    is always the decimal separator (English thousands commas are not accepted, as
    ``1,500`` would be ambiguous)."""
    cleaned = "".join(text.split()).replace("\u2212", "-").replace(",", ".")
    percent = cleaned.endswith("%")
    cleaned = cleaned.removesuffix("%")
    if not _NUMBER.fullmatch(cleaned):
        return None
    value = float(cleaned)
    return value / 100 if percent else value
