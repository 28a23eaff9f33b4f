"""How indicator results read to people: metric labels, values with their units, and notes.

The one place that turns a result into text, used by the command line, the app and the
exports alike, so a figure reads the same everywhere: labels come from the registry entry (a
family part by its name: ``agree_share.P1`` → the item's text, ``….company`` → "yritys"), never
a raw id; values follow Finnish or English number formats (``1 234,50 €``, ``12,5 %``); notes
(``record.Note``) are said in the reader's language.
"""

from __future__ import annotations

import math
from typing import Any

from data.survey_catalogue import BY_CODE
from i18n import catalogue, t
from i18n import format as fmt
from indicators.model import Indicator, Metric
from indicators.record import Note, Result

PERCENT_UNITS = ("share", "ratio")  # shown as percentages


def missing(value: float | None) -> bool:
    """None, or NaN as pandas writes a missing number."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value: float | None, unit: str, lang: str) -> str:
    """A value in its unit: euros with cents unless whole (``1 234,50 €``, ``25 000 €``),
    percentages with one decimal unless whole (``12,5 %``, ``40 %``), means with two decimals,
    counts whole; an en dash when missing."""
    if missing(value):
        return "–"
    if unit == "score":
        return fmt.number(value, lang, 2)
    if unit == "eur":
        return fmt.money(value, lang, 0 if float(value).is_integer() else 2)
    if unit in PERCENT_UNITS:
        return fmt.share(value, lang, 0 if float(value * 100).is_integer() else 1)
    return fmt.number(value, lang, 0 if float(value).is_integer() else 2)


def figure_text(
    value: float | None, unit: str, lang: str, *, suppressed: bool, recorded: bool
) -> str:
    """A figure as people read it: hidden when it rests on fewer than 5 answers, "not
    recorded" when no row was entered (``indicators.honesty.recorded``), else its value."""
    if suppressed:
        return t("ui.suppressed", lang)
    if not recorded:
        return t("ui.figure.not_recorded", lang)
    return format_value(value, unit, lang)


def n_text(n: float | None, unit: str, lang: str, *, recorded: bool) -> str | None:
    """ "n = 24" for a figure that rests on a count of its own; None for a euro sum, whose n
    only tells "not recorded", and for a figure not recorded ("not recorded (n = 0)" would say
    it twice)."""
    if missing(n) or unit == "eur" or not recorded:
        return None
    return t("ui.figure.n", lang, n=format_value(n, "count", lang))


def n_suffix(n: float | None, unit: str, lang: str, *, recorded: bool) -> str:
    """ " (n = 24)" after a figure (``n_text``), or nothing."""
    text = n_text(n, unit, lang, recorded=recorded)
    return f" ({text})" if text else ""


def label(prefix: str, code: str, lang: str) -> str:
    """The catalogue's text ``<prefix>.<code>`` in ``lang``, or the code itself when the
    catalogue has none (a value of the user's own, such as a regional measure)."""
    key = f"{prefix}.{code}"
    return t(key, lang) if key in catalogue() else code


def enum_label(group: str, code: str, lang: str) -> str:
    """The name of an enumeration value (``ui.<group>.<code>``: an organisation type, an
    outcome type)."""
    return label(f"ui.{group}", code, lang)


def country_name(value: str, lang: str) -> str:
    """A country as people name it: an ISO code (``EE``) by its name in ``lang`` ("Viro",
    "Estonia"); a name or an unknown code as written."""
    key = f"country.{value.strip().upper()}"
    return t(key, lang) if len(value.strip()) == 2 and key in catalogue() else value


# Units and sources of regional statistics as files write them (Statistics Finland's Finnish
# forms, and the demo's own marker), by the catalogue name shown in either language.
_REGIONAL_UNITS = {
    "henkeä": "persons",
    "henkilöä": "persons",
    "persons": "persons",
    "työpaikkaa": "jobs",
    "jobs": "jobs",
    "toimipaikkaa": "establishments",
    "establishments": "establishments",
    "yrityksiä": "enterprises",
    "enterprises": "enterprises",
}
_REGIONAL_SOURCES = {
    "tilastokeskus": "statistics_finland",
    "statistics finland": "statistics_finland",
    "havainnollistava esimerkkiarvo (ei virallinen tilasto)": "illustrative",
}


def regional_unit(unit: str, lang: str) -> str:
    """A regional statistic's unit in ``lang`` when it is a known one, else as written."""
    key = _REGIONAL_UNITS.get(unit.strip().casefold())
    return t(f"ui.regional_unit.{key}", lang) if key else unit


def regional_source(source: str, lang: str) -> str:
    """A regional statistic's source in ``lang`` when it is a known one, else as written."""
    key = _REGIONAL_SOURCES.get(" ".join(source.split()).casefold())
    return t(f"ui.regional_source.{key}", lang) if key else source


def item_text(code: str, lang: str) -> str:
    """A survey item's text (``P1`` → "Klusteritoiminta on lisännyt …"), or the code itself
    for an item the catalogue does not know."""
    item = BY_CODE.get(code)
    if item is None:
        return code
    return item.text_en if lang == "en" else item.text_fi


def part_label(metric: Metric | None, part: str, lang: str) -> str:
    """A family's part by name: a survey item's text, an organisation type's name."""
    if metric is not None and metric.part == "survey_item":
        return item_text(part, lang)
    return enum_label(metric.part if metric and metric.part else "org_type", part, lang)


def metric_label(indicator: Indicator | None, metric: str, lang: str) -> str:
    """A metric's name from its entry; a family member names its family and part
    (``Keskiarvo (1–5): Jäsenet luottavat toisiinsa``). A metric no entry knows reads as
    written."""
    spec = indicator.metric(metric) if indicator else None
    if spec is None:
        return metric
    name = spec.label.text(lang)
    _family, _, part = metric.partition(".")
    if not (spec.is_family and part):
        return name
    return f"{name}: {part_label(spec, part, lang).removesuffix('.')}"


def family_label(indicator: Indicator | None, family: str, lang: str) -> str:
    """The name of a family (``mean`` of ORG-5: "Keskiarvo (1–5)")."""
    spec = indicator.metric(f"{family}.") if indicator else None
    return spec.label.text(lang) if spec else family


def note_text(note: Note | None, lang: str) -> str | None:
    """A note in ``lang``: "upload X" names the missing input kinds in words."""
    if note is None:
        return None
    args: dict[str, Any] = dict(note.args)
    if "kinds" in args:
        joiner = t("indicators.note.and", lang)
        args["what"] = joiner.join(t(f"indicators.kind.{k}", lang) for k in args.pop("kinds"))
    return t(note.key, lang, **args)


def record(result: Result, lang: str) -> dict[str, Any]:
    """The SPEC 4 record of ``result``, its note in ``lang``."""
    return {
        "code": result.code,
        "metric": result.metric,
        "year": result.year,
        "value": result.value,
        "unit": result.unit,
        "n": result.n,
        "suppressed": result.suppressed,
        "name_fi": result.name_fi,
        "name_en": result.name_en,
        "recipient": result.recipient,
        "data_class": result.data_class,
        "note": note_text(result.note, lang),
    }


def result_name(result: Result, lang: str) -> str:
    """The name of a result's indicator in ``lang``."""
    return result.name_en if lang == "en" else result.name_fi
