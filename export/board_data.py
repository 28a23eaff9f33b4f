"""The board view's data (DOMAIN 6.4), gathered once for the board workbook and the HTML report.

Funding by payer group (committed vs paid), members by engagement level, the participation
trend, the member-survey headline with n and response rate, and the consented success stories.
Numbers come from ``indicators.breakdowns`` and ``indicators.compute``; nothing is recomputed
here, so the board sees the same figures as the indicator pages and the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

from data.clusters import display_name
from data.survey_catalogue import BY_CODE
from export.content import Row, indicator_rows, record_export, story_rows, year_span
from i18n import t
from indicators.breakdowns import (
    GROUP_ORDER,
    funding_by_group,
    participation_trend,
    regional_series,
    tier_engagement,
)
from indicators.engagement import LEVELS as ENGAGEMENT_LEVELS
from indicators.headline import Headline, headline, last_import
from indicators.registry import Registry
from indicators.targets import list_targets

Years = tuple[int, int]


@dataclass
class BoardData:
    """Everything the board report shows, already labelled in ``lang`` (metrics by the
    ``registry`` they come from)."""

    cluster_name: str
    years: Years
    lang: str
    created: dt.date
    registry: Registry
    headline: Headline | None = None  # the board's answer for the last year
    funding: list[Row] = field(default_factory=list)  # year, funding_group, label, paid, committed
    engagement: list[Row] = field(default_factory=list)  # year, members, core..passive
    tiers: list[Row] = field(default_factory=list)  # tier, core..passive (last year)
    participation: list[Row] = field(
        default_factory=list
    )  # year, events, person_participations, participating_orgs
    survey: list[Row] = field(
        default_factory=list
    )  # year, item, text, mean, agree_share, n, suppressed
    response_rates: list[Row] = field(default_factory=list)  # year, response_rate, n
    stories: list[Row] = field(default_factory=list)
    regional: list[Row] = field(default_factory=list)  # region, measure, year, value, source


def board_years(
    con: duckdb.DuckDBPyConnection, registry: Registry, cluster_id: str, year: int | None = None
) -> Years:
    """``year`` alone, else every year the cluster's indicator results cover."""
    if year is not None:
        return (year, year)
    return year_span(indicator_rows(con, registry, cluster_id, None, "fi"), None)


def _by_metric(records: list[Row], years: Years) -> dict[tuple[int, str], Row]:
    return {
        (r["year"], r["metric"]): r
        for r in records
        if r["year"] is not None and years[0] <= r["year"] <= years[1]
    }


def _engagement(by_metric: dict[tuple[int, str], Row], years: Years) -> list[Row]:
    rows = []
    for year in range(years[0], years[1] + 1):
        row: Row = {"year": year, "members": _value(by_metric, year, "members_year_end")}
        row |= {
            level: _value(by_metric, year, f"engagement_{level}") for level in ENGAGEMENT_LEVELS
        }
        rows.append(row)
    return rows


def _value(by_metric: dict[tuple[int, str], Row], year: int, metric: str) -> Any:
    record = by_metric.get((year, metric))
    return None if record is None else record["value"]


def _tiers(con: duckdb.DuckDBPyConnection, cluster_id: str, year: int, lang: str) -> list[Row]:
    """Tier × engagement level on 31.12. of ``year``: one row per tier, a column per level."""
    rows: dict[str | None, Row] = {}
    for cell in tier_engagement(con, cluster_id, year):
        row = rows.setdefault(cell["tier"], {"tier": cell["tier"] or t("board.no_tier", lang)})
        row[cell["level"]] = cell["members"]
    return list(rows.values())


def _survey(records: list[Row], years: Years, lang: str) -> tuple[list[Row], list[Row]]:
    """Per survey year and catalogue item: mean, agree share and n (suppressed kept marked)."""
    items: dict[tuple[int, str], Row] = {}
    rates = []
    for r in records:
        if r["year"] is None or not years[0] <= r["year"] <= years[1]:
            continue
        if r["metric"] == "response_rate":
            rates.append(
                {"year": r["year"], "response_rate": r["value"], "n": r["n"], "note": r.get("note")}
            )
            continue
        kind, _, code = r["metric"].partition(".")
        if kind not in ("mean", "agree_share") or code not in BY_CODE:
            continue
        item = items.setdefault(
            (r["year"], code),
            {
                "year": r["year"],
                "item": code,
                "mean": None,
                "agree_share": None,
                "text": BY_CODE[code].text_en if lang == "en" else BY_CODE[code].text_fi,
                "n": r["n"],
                "suppressed": False,
            },
        )
        item[kind] = r["value"]
        item["suppressed"] = item["suppressed"] or bool(r["suppressed"])
        item["n"] = r["n"] if r["n"] is not None else item["n"]
    order = {code: i for i, code in enumerate(BY_CODE)}
    survey = sorted(items.values(), key=lambda row: (row["year"], order[row["item"]]))
    years_with_items = {row["year"] for row in survey}
    return survey, [
        r for r in rates if r["response_rate"] is not None or r["year"] in years_with_items
    ]


def board_data(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    years: Years,
    lang: str = "fi",
) -> BoardData:
    """Gather the board view for the inclusive year range ``years``."""
    years = (min(years), max(years))
    records = indicator_rows(con, registry, cluster_id, None, lang)
    by_metric = _by_metric(records, years)
    name_row = con.execute("SELECT name FROM cluster WHERE cluster_id = ?", [cluster_id]).fetchone()
    funding = funding_by_group(con, cluster_id, years)
    for row in funding:
        row["label"] = t(f"analytics.funding_group.{row['funding_group']}", lang)
    survey, rates = _survey(records, years, lang)
    today = dt.date.today()
    answer = headline(
        records,
        list_targets(con, cluster_id),
        years[1],
        years,
        today=today,
        as_of=last_import(con, cluster_id),
    )
    return BoardData(
        cluster_name=display_name(cluster_id, name_row[0] if name_row else None, lang),
        years=years,
        lang=lang,
        created=today,
        registry=registry,
        headline=answer,
        funding=sorted(funding, key=lambda r: (r["year"], GROUP_ORDER.index(r["funding_group"]))),
        engagement=_engagement(by_metric, years),
        tiers=_tiers(con, cluster_id, years[1], lang),
        participation=participation_trend(con, cluster_id, years),
        survey=survey,
        response_rates=rates,
        stories=story_rows(con, cluster_id, years, lang),
        regional=regional_series(con, cluster_id, years),
    )


def record_board_export(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str,
    user: str | None,
    document: str,
    data: BoardData,
) -> None:
    """The audit entry of one board ``document`` (``board_workbook``, ``board_page``,
    ``board_report``) drawn from ``data``: its language and years."""
    first, last = data.years
    record_export(
        con,
        cluster_id,
        user,
        f"{document.replace('_', ' ')} {data.lang} {first}-{last}",
        {"document": document, "lang": data.lang, "first": first, "last": last},
    )
