"""Charts more than one page draws, each with its caveat and the table of its numbers:
members by tier and engagement, funding paid and committed, participation over the years,
regional context."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from appkit import widgets
from appkit.connection import cached
from appkit.context import Ctx
from charts import figures
from charts.table import TEXT, table
from indicators import breakdowns as bd
from indicators.engagement import LEVELS

PARTICIPATION_METRICS = {  # column of the participation trend → its ORG-4 metric
    "events": "events_held",
    "person_participations": "person_participations",
    "participating_orgs": "participating_orgs",
}
# Who was reached: people and organisations share an axis; events (a handful a year) get their
# own chart, as one axis for both would flatten them.
REACH = ("person_participations", "participating_orgs")


ANY_YEAR = (1000, 9999)


def regional_rows(c: Ctx) -> pd.DataFrame:
    """The regional statistics of the chosen years. Statistics never set the years' range, so
    when none fall in it but some exist, all of them are shown, and a note says so (rather
    than asking for a file already imported)."""
    rows = widgets.frame(cached(c, bd.regional_series, c.cluster_id, c.years or ANY_YEAR))
    if rows.empty and c.years:
        rows = widgets.frame(cached(c, bd.regional_series, c.cluster_id, ANY_YEAR))
        if not rows.empty:
            st.info(
                c.t(
                    "ui.regional.other_years",
                    first=int(rows["year"].min()),
                    last=int(rows["year"].max()),
                    chosen="–".join(dict.fromkeys(map(str, c.years))),
                ),
                icon=":material/date_range:",
            )
    return rows


def level_names(c: Ctx) -> dict[str, str]:
    """Engagement level → its name in the user's language."""
    return {lv: c.t(f"ui.level.{lv}") for lv in LEVELS}


def funding_group_names(c: Ctx) -> dict[str, str]:
    """Funding group → its name in the user's language."""
    return {g: c.t(f"analytics.funding_group.{g}") for g in bd.GROUP_ORDER}


def tier_matrix(c: Ctx, rows: pd.DataFrame, key: str) -> None:
    """Members by tier × engagement level in one year (``bd.tier_engagement``), with caveat."""
    rows = rows.assign(tier=rows["tier"].fillna(c.t("ui.members.no_tier")))
    tiers = list(dict.fromkeys(rows["tier"]))
    names = level_names(c)
    counts = rows.pivot_table(index="tier", columns="level", values="members", aggfunc="sum")
    data = table(
        c.t("board.col.tier"),
        [(c.t("board.col.tier"), TEXT)] + [(names[lv], "count") for lv in LEVELS],
        [[tier] + [counts.at[tier, lv] for lv in LEVELS] for tier in tiers],
    )
    widgets.chart(
        c,
        figures.matrix(
            rows,
            rows="tier",
            cols="level",
            value="members",
            row_order=tiers,
            col_order=LEVELS,
            col_labels=names,
            lang=c.lang,
        ),
        key,
        data,
    )
    widgets.caveat(c.t("ui.caveat.members"))


def funding_status(c: Ctx, rows: pd.DataFrame, key: str) -> None:
    """Paid vs committed funding per group and year (``bd.funding_by_group``), with caveat."""
    names = funding_group_names(c)
    status = {
        "paid_eur": c.t("analytics.funding.paid"),
        "committed_eur": c.t("analytics.funding.committed"),
    }
    data = table(
        c.t("ui.overview.funding"),
        [
            (c.t("ui.chart.year"), TEXT),
            (c.t("board.col.group"), TEXT),
            (status["paid_eur"], "eur"),
            (status["committed_eur"], "eur"),
        ],
        [
            [r.year, names.get(r.funding_group, r.funding_group), r.paid_eur, r.committed_eur]
            for r in rows.itertuples()
            if r.paid_eur or r.committed_eur
        ],
    )
    widgets.chart(
        c,
        figures.paid_vs_committed(
            rows,
            series="funding_group",
            labels=names,
            status_labels=status,
            lang=c.lang,
            order=bd.GROUP_ORDER,
        ),
        key,
        data,
    )
    widgets.caveat(c.t("ui.caveat.funding"))


def participation_lines(
    c: Ctx, rows: pd.DataFrame, key: str, columns: Sequence[str] = REACH
) -> None:
    """The ``columns`` of ``bd.participation_trend`` as lines over the years, with caveat."""
    names = {col: c.metric_name("ORG-4", PARTICIPATION_METRICS[col]) for col in columns}
    data = table(
        c.t("ui.overview.participation"),
        [(c.t("ui.chart.year"), TEXT)] + [(names[col], "count") for col in columns],
        [[r["year"]] + [r[col] for col in columns] for r in rows.to_dict("records")],
    )
    widgets.chart(
        c,
        figures.lines(rows, x="year", unit="count", lang=c.lang, columns=names),
        key,
        data,
    )
    widgets.caveat(c.t("ui.caveat.participation"))


def regional_lines(c: Ctx, part: pd.DataFrame, key: str, name: str = "") -> None:
    """One measure of ``bd.regional_series`` as an index line per region (first year = 100,
    each point labelled with its change in %), its levels in the table under it."""
    wide = part.pivot_table(index="year", columns="region", values="value").reset_index()
    regions = list(wide.columns[1:])
    data = table(
        name or c.t("ui.overview.regional"),
        [(c.t("ui.chart.year"), TEXT)] + [(str(r), "count") for r in regions],
        [[r["year"]] + [r[region] for region in regions] for r in wide.to_dict("records")],
    )
    widgets.chart(
        c,
        figures.index_lines(
            wide,
            x="year",
            lang=c.lang,
            columns={r: f"{name} · {r}" if name else str(r) for r in regions},
            index_label=c.t("ui.figure.index_axis"),
        ),
        key,
        data,
    )
