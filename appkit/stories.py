"""Success stories as text for cards and lists (Markdown, Finnish or English formats)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from appkit.markdown import escape
from i18n import format as fmt
from i18n import t
from indicators.present import country_name, enum_label


def story_line(story: Mapping[str, Any], lang: str) -> str:
    """One line: date, type, title and the organisations involved."""
    orgs = ", ".join(story.get("organisations") or [])
    kind = enum_label("outcome_type", story["outcome_type"], lang)
    line = f"**{fmt.date(story['date'], lang)} · {kind}** · {escape(story['title'])}"
    return f"{line} ({escape(orgs)})" if orgs else line


def story_details(story: Mapping[str, Any], lang: str) -> list[str]:
    """The card's facts beside the title: value, jobs, country, attribution, evidence."""
    facts = []
    if story.get("amount_eur") is not None:
        facts.append(t("ui.story.amount", lang, value=fmt.money(story["amount_eur"], lang)))
    if story.get("jobs") is not None:
        facts.append(t("ui.story.jobs", lang, value=fmt.number(story["jobs"], lang)))
    if story.get("country"):
        country = country_name(story["country"], lang)
        facts.append(t("ui.story.country", lang, value=escape(country)))
    if story.get("attribution"):
        facts.append(
            t(
                "ui.story.attribution",
                lang,
                value=enum_label("attribution", story["attribution"], lang),
            )
        )
    if story.get("evidence"):
        facts.append(t("ui.story.evidence", lang, value=escape(story["evidence"])))
    return facts
