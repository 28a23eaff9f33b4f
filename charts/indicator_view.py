"""Indicator results arranged for a value-recipient page: one card per indicator.

A card holds the indicator's headline metrics (a value per year with n, suppression, target
and the note that says what to upload) and its breakdown families (``mean.A6``,
``participating_orgs_by_type.company``: metrics sharing the part before the dot), within the
selected years. Built with pandas from the result records; no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import pandas as pd

from charts import colours, figures
from indicators import present
from indicators.model import Indicator
from indicators.record import FIELDS, Result


@dataclass(frozen=True)
class Series:
    """One metric over the selected years (``frame``: year, value, n, suppressed, target, note)."""

    metric: str
    label: str
    unit: str
    frame: pd.DataFrame

    # A card asks for these many times while a page draws it: each is worked out once.
    @cached_property
    def known(self) -> pd.DataFrame:
        """Years with a value or a suppressed value (not "no data")."""
        return self.frame[self.frame["value"].notna() | self.frame["suppressed"]]

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """The frame's rows as dicts (walked far faster than ``iterrows``)."""
        return self.frame.to_dict("records")

    @cached_property
    def latest(self) -> pd.Series | None:
        known = self.known
        return None if known.empty else known.iloc[-1]


@dataclass(frozen=True)
class Family:
    """A breakdown family drawn as one chart: its title, figure (a plotly dict, each part named
    on its axis) and whether any of its figures is suppressed."""

    name: str
    title: str
    figure: dict[str, Any]
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


def results_frame(results: Iterable[Result], lang: str) -> pd.DataFrame:
    """Result records as a DataFrame (one row per code, metric and year), notes in ``lang``."""
    return pd.DataFrame([present.record(r, lang) for r in results], columns=FIELDS)


def targets_frame(targets: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Target rows as a DataFrame keyed like results: code, metric, year, target."""
    frame = pd.DataFrame(list(targets), columns=["code", "metric", "year", "value"])
    return frame.rename(columns={"value": "target"})


def metric_rank(indicator: Indicator | None, metric: str) -> int:
    """Position of a metric in its indicator's entry (unknown metrics last)."""
    specs = indicator.specs if indicator else ()
    return next((i for i, spec in enumerate(specs) if spec.matches(metric)), len(specs))


def cards(
    results: pd.DataFrame,
    targets: pd.DataFrame,
    registry: Mapping[str, Indicator],
    *,
    recipient: str,
    years: tuple[int, int],
    lang: str,
) -> list[Card]:
    """Cards of ``recipient``'s indicators within ``years``, in registry order."""
    first, last = years
    rows = results[
        (results["recipient"] == recipient)
        & (results["year"].isna() | results["year"].between(first, last))
    ]
    rows = rows.merge(targets, on=["code", "metric", "year"], how="left")
    rank = {code: index for index, code in enumerate(registry)}
    codes = sorted(rows["code"].unique(), key=lambda c: (rank.get(c, len(rank)), c))
    name_col = "name_en" if lang == "en" else "name_fi"
    out = []
    for code in codes:
        own = rows[rows["code"] == code].sort_values(["metric", "year"])
        headline, families = [], {}
        entry = registry.get(code)
        metrics = sorted(own["metric"].unique(), key=lambda m: (metric_rank(entry, m), m))
        for metric in metrics:
            group = own[own["metric"] == metric]
            dated = group[group["year"].notna()]
            series = Series(
                metric,
                present.metric_label(entry, metric, lang),
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
    card: Card,
    indicator: Indicator | None,
    *,
    recipient: str,
    lang: str,
    target_label: str,
    suppressed_label: str,
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
            family_chart(indicator, name, members, colour, lang)
            for name, members in card.families.items()
        )
        if f is not None
    )
    return replace(card, trend=trend, trend_figure=trend_figure, family_charts=families)


def family_chart(
    indicator: Indicator | None, family: str, members: Sequence[Series], colour: str, lang: str
) -> Family | None:
    """A breakdown family as grouped bars, older years in lighter tints; each bar group named
    on the axis (a survey item by its code and text), down the side."""
    long = family_frame(members)
    if long["value"].notna().sum() == 0:
        return None
    parts = list(dict.fromkeys(long["part"]))
    spec = indicator.metric(f"{family}.") if indicator else None
    items = spec is not None and spec.part == "survey_item"
    names = {
        p: figures.wrapped(
            f"{p} {present.part_label(spec, p, lang)}"
            if items
            else present.part_label(spec, p, lang)
        )
        for p in parts
    }
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
        horizontal=True,  # names down the side: readable on a phone
    )
    return Family(
        family,
        present.family_label(indicator, family, lang),
        figure.to_plotly_json(),
        bool(long["suppressed"].any()),
    )
