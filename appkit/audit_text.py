"""An audit entry's facts written in the reader's language.

Entries keep their facts by name (``data.audit``); each action has a message
``auditlog.detail.<action>`` (exports one per document) whose fields are localised here:
statuses, sign-in methods, languages, metric names and target values in their unit. Entries
from before facts were kept by name, or of an action without a message, show their stored text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from i18n import catalogue, t
from indicators.present import format_value, label, metric_label
from indicators.registry import Registry


def describe(
    action: str,
    detail: str | None,
    fields: Mapping[str, Any] | None,
    lang: str,
    registry: Registry,
) -> str:
    """The entry's facts as one line in ``lang`` (metrics named by ``registry``)."""
    if not fields:
        return detail or ""
    key = f"auditlog.detail.{action}"
    if action == "export":
        key += f".{fields.get('document')}"
    if key not in catalogue():
        return detail or ""
    try:
        return t(key, lang, **_localised(dict(fields), lang, registry))
    except (KeyError, IndexError, ValueError):  # facts of another shape: the stored text
        return detail or ""


def _named(group: str, code: object, lang: str) -> str:
    return label(group, str(code), lang)


def _localised(fields: dict[str, Any], lang: str, registry: Registry) -> dict[str, Any]:
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
        entry = registry.get(code)
        if "value" in fields:
            spec = entry.metric(metric) if entry else None
            fields["value"] = format_value(fields["value"], spec.unit if spec else "count", lang)
        fields["metric"] = metric_label(entry, metric, lang)
    return fields
