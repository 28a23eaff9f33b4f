"""An audit entry's facts written in the reader's language.

Entries keep their facts by name (``data.audit``); each action has a message
``auditlog.detail.<action>`` (exports one per document) whose fields are localised here:
statuses, sign-in methods, languages, metric names and target values in their unit. Entries
from before facts were kept by name, or of an action without a message, show their stored text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from charts.labels import metric_label
from charts.units import format_value
from i18n import catalogue, t
from indicators.registry import REGISTRY


def describe(action: str, detail: str | None, fields: Mapping[str, Any] | None, lang: str) -> str:
    """The entry's facts as one line in ``lang``."""
    if not fields:
        return detail or ""
    key = f"auditlog.detail.{action}"
    if action == "export":
        key += f".{fields.get('document')}"
    if key not in catalogue():
        return detail or ""
    try:
        return t(key, lang, **_localised(dict(fields), lang))
    except (KeyError, IndexError, ValueError):  # facts of another shape: the stored text
        return detail or ""


def _named(group: str, code: object, lang: str) -> str:
    key = f"{group}.{code}"
    return t(key, lang) if key in catalogue() else str(code)


def _localised(fields: dict[str, Any], lang: str) -> dict[str, Any]:
    if "status" in fields:
        fields["status"] = _named("data.status", fields["status"], lang)
    if "method" in fields:
        fields["method"] = _named("auditlog.method", fields["method"], lang)
    if "outcome" in fields:
        fields["outcome"] = _named("auditlog.outcome", fields["outcome"], lang)
    if "kind" in fields:
        fields["kind"] = _named("data.kind", fields["kind"], lang)
    if "role" in fields:
        fields["role"] = _named("access.role", fields["role"], lang)
    if "lang" in fields:
        fields["language"] = _named("auditlog.language", fields.pop("lang"), lang)
    if fields.get("document") == "indicators":
        year = fields.get("year")
        fields["years"] = year if year is not None else t("auditlog.detail.all_years", lang)
    if "code" in fields and "metric" in fields:
        code, metric = fields["code"], fields["metric"]
        if "value" in fields:
            entry = REGISTRY.get(code)
            spec = entry.metric(metric) if entry else None
            fields["value"] = format_value(fields["value"], spec.unit if spec else "count", lang)
        fields["metric"] = metric_label(code, metric, lang)
    return fields
