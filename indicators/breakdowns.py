"""Page analytics: every table and series the pages and exports draw, as plain ``list[dict]``.

Pages stay thin: they call these functions and only convert and draw. The computations live
by subject in ``analytics_funding``, ``analytics_members``, ``analytics_events``,
``analytics_stories`` and ``analytics_context``; this module is the one import a page needs.
All take ``cluster_id`` and a year range ``(first, last)`` or a single year; functions that
return raw rows take ``role`` and refuse the board (``auth.roles.PermissionDenied``).
"""

from __future__ import annotations

from indicators.analytics_context import import_history, regional_series, row_counts
from indicators.analytics_events import (
    HELIX_GROUPS,
    events_by_type,
    participation_by_org_type,
    participation_trend,
)
from indicators.analytics_funding import (
    FUNDING_GROUPS,
    GROUP_ORDER,
    REFERENCE_MIX,
    funding_by_group,
    funding_by_source,
    funding_reference,
    funding_summary,
)
from indicators.analytics_members import (
    TENURE_BANDS,
    followers_vs_members,
    paying_but_passive,
    retention,
    tenure_distribution,
    tier_engagement,
)
from indicators.analytics_query import Years
from indicators.analytics_stories import story_filters, success_stories

__all__ = [
    "FUNDING_GROUPS",
    "GROUP_ORDER",
    "HELIX_GROUPS",
    "REFERENCE_MIX",
    "TENURE_BANDS",
    "Years",
    "events_by_type",
    "followers_vs_members",
    "funding_by_group",
    "funding_by_source",
    "funding_reference",
    "funding_summary",
    "import_history",
    "participation_by_org_type",
    "participation_trend",
    "paying_but_passive",
    "regional_series",
    "retention",
    "row_counts",
    "story_filters",
    "success_stories",
    "tenure_distribution",
    "tier_engagement",
]
