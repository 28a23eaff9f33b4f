"""Charts more than one page draws, each with its caveat: members by tier and engagement,
funding paid and committed, participation over the years, regional context."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from appkit import widgets
from appkit.context import Ctx
from charts import figures
from indicators import breakdowns as bd
from indicators.engagement import LEVELS

PARTICIPATION_METRICS = {  # column of the participation trend → its ORG-4 metric
    "events": "events_held",
    "person_participations": "person_participations",
    "participating_orgs": "participating_orgs",
}


def level_names(c: Ctx) -> dict[str, str]:
    """Engagement level → its name in the user's language."""
    return {lv: c.t(f"ui.level.{lv}") for lv in LEVELS}


def funding_group_names(c: Ctx) -> dict[str, str]:
    """Funding group → its name in the user's language."""
    return {g: c.t(f"analytics.funding_group.{g}") for g in bd.GROUP_ORDER}


def tier_matrix(c: Ctx, rows: pd.DataFrame, key: str) -> None:
    """Members by tier × engagement level in one year (``bd.tier_engagement``), with caveat."""
    rows = rows.assign(tier=rows["tier"].fillna(c.t("ui.members.no_tier")))
    widgets.plot(
        figures.matrix(
            rows,
            rows="tier",
            cols="level",
            value="members",
            row_order=list(dict.fromkeys(rows["tier"])),
            col_order=LEVELS,
            col_labels=level_names(c),
            lang=c.lang,
        ),
        key=key,
    )
    widgets.caveat(c.t("ui.caveat.members"))


def funding_status(c: Ctx, rows: pd.DataFrame, key: str) -> None:
    """Paid vs committed funding per group and year (``bd.funding_by_group``), with caveat."""
    widgets.plot(
        figures.paid_vs_committed(
            rows,
            series="funding_group",
            labels=funding_group_names(c),
            status_labels={
                "paid_eur": c.t("analytics.funding.paid"),
                "committed_eur": c.t("analytics.funding.committed"),
            },
            lang=c.lang,
            order=bd.GROUP_ORDER,
        ),
        key=key,
    )
    widgets.caveat(c.t("ui.caveat.funding"))


def participation_lines(
    c: Ctx, rows: pd.DataFrame, key: str, columns: Sequence[str] = tuple(PARTICIPATION_METRICS)
) -> None:
    """The ``columns`` of ``bd.participation_trend`` as lines over the years, with caveat."""
    widgets.plot(
        figures.lines(
            rows,
            x="year",
            unit="count",
            lang=c.lang,
            columns={col: c.metric_name("ORG-4", PARTICIPATION_METRICS[col]) for col in columns},
        ),
        key=key,
    )
    widgets.caveat(c.t("ui.caveat.participation"))


def regional_lines(c: Ctx, part: pd.DataFrame, key: str, name: str = "") -> None:
    """One measure of ``bd.regional_series`` as a line per region (``name · region`` when named);
    the axis starts near the data, as context series do."""
    wide = part.pivot_table(index="year", columns="region", values="value").reset_index()
    widgets.plot(
        figures.lines(
            wide,
            x="year",
            unit="count",
            lang=c.lang,
            columns={r: f"{name} · {r}" if name else r for r in wide.columns[1:]},
            from_zero=False,
        ),
        key=key,
    )
