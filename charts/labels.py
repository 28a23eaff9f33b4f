"""Names of codes for people: enumeration values, metrics, measures, breakdown parts.

Enumeration names come from the message catalogue (``i18n/ui.toml``), metric names from the
indicator registry; a code neither knows (a regional measure of the user's own) is shown as
written.
"""

from __future__ import annotations

from data.survey_catalogue import BY_CODE
from i18n import catalogue, t
from indicators.registry import REGISTRY


def label(group: str, code: str, lang: str) -> str:
    """``ui.<group>.<code>`` in ``lang``, or the code itself when the catalogue has no name."""
    key = f"ui.{group}.{code}"
    return t(key, lang) if key in catalogue() else code


def metric_label(code: str, metric: str, lang: str) -> str:
    """A metric's name from the indicator registry; a breakdown (``family.part``) names its
    family and its part (survey item, organisation type); a metric the registry does not know
    is shown as written."""
    indicator = REGISTRY.get(code)
    spec = indicator.metric(metric) if indicator else None
    if spec is None:
        return metric
    name = spec.label_en if lang == "en" else spec.label_fi
    _family, _, part = metric.partition(".")
    return f"{name}: {part_label(part, lang)}" if spec.is_family and part else name


def family_label(code: str, family: str, lang: str) -> str:
    """The name of a breakdown family (``mean`` of ORG-5: "Keskiarvo (1–5)")."""
    return metric_label(code, f"{family}.", lang).removesuffix(": ")


def part_label(part: str, lang: str) -> str:
    """A breakdown part: a survey item code with its text, an organisation type, or as written."""
    if part in BY_CODE:
        item = BY_CODE[part]
        return f"{part} {item.text_en if lang == 'en' else item.text_fi}"
    return label("org_type", part, lang)
