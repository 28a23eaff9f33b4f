"""Indicator results arranged for a value-recipient page: one card per indicator.

A card holds the indicator's headline metrics (a value per year with n, suppression, target
and the note that says what to upload) and its breakdown families (``mean.A6``,
``participating_orgs_by_type.company``: metrics sharing the part before the dot), within the
selected years. Built with pandas from the result records; no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from charts import colours, figures
from charts.labels import family_label, metric_label, part_label
from data.survey_catalogue import BY_CODE
from indicators.record import Result
from indicators.registry import REGISTRY

_COLUMNS = [
    "code",
    "metric",
    "year",
    "value",
    "unit",
    "n",
    "suppressed",
    "name_fi",
    "name_en",
    "recipient",
    "data_class",
    "note",
]


@dataclass(frozen=True)
class Series:
    """One metric over the selected years (``frame``: year, value, n, suppressed, target, note)."""

    metric: str
    label: str
    unit: str
    frame: pd.DataFrame

    @property
    def known(self) -> pd.DataFrame:
        """Years with a value or a suppressed value (not "no data")."""
        return self.frame[self.frame["value"].notna() | self.frame["suppressed"]]

    @property
    def latest(self) -> pd.Series | None:
        known = self.known
        return None if known.empty else known.iloc[-1]

    @property
    def previous(self) -> pd.Series | None:
        known = self.known
        return None if len(known) < 2 else known.iloc[-2]


@dataclass(frozen=True)
class Family:
    """A breakdown family drawn as one chart: its title, figure (a plotly dict), and the survey
    item texts to list under it (when the axis shows item codes)."""

    name: str
    title: str
    figure: dict[str, Any]
    legend: str | None
    suppressed: bool


@dataclass(frozen=True)
class Card:
    """One indicator of a recipient page."""

    code: str
    name: str
    data_class: str
    headline: tuple[Series, ...]
    families: dict[str, tuple[Series, ...]]
    notes: tuple[str, ...]
    trend: Series | None = None
    trend_figure: dict[str, Any] | None = None
    family_charts: tuple[Family, ...] = ()

    @property
    def has_data(self) -> bool:
        return any(s.latest is not None for s in self.headline) or any(
            s.latest is not None for members in self.families.values() for s in members
        )


def results_frame(results: Iterable[Result]) -> pd.DataFrame:
    """Result records as a DataFrame (one row per code, metric and year)."""
    return pd.DataFrame([r.to_dict() for r in results], columns=_COLUMNS)


def targets_frame(targets: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Target rows as a DataFrame keyed like results: code, metric, year, target."""
    frame = pd.DataFrame(list(targets), columns=["code", "metric", "year", "value"])
    return frame.rename(columns={"value": "target"})


def metric_rank(code: str, metric: str) -> int:
    """Position of a metric in its indicator's registry entry (unknown metrics last)."""
    indicator = REGISTRY.get(code)
    specs = indicator.metrics if indicator else ()
    return next((i for i, spec in enumerate(specs) if spec.matches(metric)), len(specs))


def cards(
    results: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    recipient: str,
    years: tuple[int, int],
    lang: str,
    order: Iterable[str] = (),
) -> list[Card]:
    """Cards of ``recipient``'s indicators within ``years``, in ``order`` (codes) then by code."""
    first, last = years
    rows = results[
        (results["recipient"] == recipient)
        & (results["year"].isna() | results["year"].between(first, last))
    ]
    rows = rows.merge(targets, on=["code", "metric", "year"], how="left")
    rank = {code: index for index, code in enumerate(order)}
    codes = sorted(rows["code"].unique(), key=lambda c: (rank.get(c, len(rank)), c))
    name_col = "name_en" if lang == "en" else "name_fi"
    out = []
    for code in codes:
        own = rows[rows["code"] == code].sort_values(["metric", "year"])
        headline, families = [], {}
        metrics = sorted(own["metric"].unique(), key=lambda m: (metric_rank(code, m), m))
        for metric in metrics:
            group = own[own["metric"] == metric]
            dated = group[group["year"].notna()]
            series = Series(
                metric,
                metric_label(code, metric, lang),
                str(group["unit"].iloc[0]),
                dated[["year", "value", "n", "suppressed", "target", "note"]]
                .astype({"year": int})
                .reset_index(drop=True),
            )
            family, _, part = metric.partition(".")
            if part:
                families.setdefault(family, []).append(series)
            else:
                headline.append(series)
        notes = tuple(dict.fromkeys(n for n in own["note"].dropna() if n))
        out.append(
            Card(
                code,
                str(own[name_col].iloc[0]),
                str(own["data_class"].iloc[0]),
                tuple(headline),
                {k: tuple(v) for k, v in families.items()},
                notes,
            )
        )
    return out


def family_frame(members: Iterable[Series]) -> pd.DataFrame:
    """A breakdown family as long rows ``year, part, value`` for a grouped chart."""
    parts = [
        s.frame.assign(part=s.metric.partition(".")[2])[["year", "part", "value", "suppressed"]]
        for s in members
    ]
    return (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["year", "part", "value", "suppressed"])
    )


def with_figures(
    card: Card, *, recipient: str, lang: str, target_label: str, suppressed_label: str
) -> Card:
    """The card with its charts built: the trend of its first metric that has several years or a
    target, and one grouped bar chart per breakdown family (parts × years)."""
    colour = colours.recipient_colour(recipient)
    trend = next(
        (s for s in card.headline if len(s.known) > 1 or s.frame["target"].notna().any()), None
    )
    trend_figure = (
        None
        if trend is None
        else figures.metric_trend(
            trend.frame,
            label=trend.label,
            unit=trend.unit,
            lang=lang,
            colour=colour,
            target_label=target_label,
            suppressed_label=suppressed_label,
        ).to_plotly_json()
    )
    families = tuple(
        f
        for f in (
            family_chart(card.code, name, members, colour, lang)
            for name, members in card.families.items()
        )
        if f is not None
    )
    return replace(card, trend=trend, trend_figure=trend_figure, family_charts=families)


def family_chart(
    code: str, family: str, members: Sequence[Series], colour: str, lang: str
) -> Family | None:
    """A breakdown family as grouped bars, older years in lighter tints; survey items by code."""
    long = family_frame(members)
    if long["value"].notna().sum() == 0:
        return None
    parts = list(dict.fromkeys(long["part"]))
    items = any(p in BY_CODE for p in parts)
    names = {p: p if items else part_label(p, lang) for p in parts}
    shaped = long.assign(series=long["year"].astype(str), x=long["part"].map(names))
    years = sorted(shaped["series"].unique())
    figure = figures.stacked_bars(
        shaped,
        x="x",
        series="series",
        value="value",
        labels={},
        unit=members[0].unit,
        lang=lang,
        barmode="group",
        order=years,
        colour_of=dict(zip(years, colours.shades(colour, len(years)))),
        horizontal=not items,  # names (organisation types) down the side: readable on a phone
    )
    legend = " · ".join(part_label(p, lang) for p in parts) if items else None
    return Family(
        family,
        family_label(code, family, lang),
        figure.to_plotly_json(),
        legend,
        bool(long["suppressed"].any()),
    )
