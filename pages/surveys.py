"""Kyselyt / Surveys: items with n, response rate, suppression and trend; open answers for the
manager only."""

from __future__ import annotations

import streamlit as st

from appkit import widgets
from appkit.connection import cached
from appkit.context import Ctx
from appkit.frame import current
from charts import colours, figures
from charts.table import TEXT, columns_of
from data.survey_catalogue import CATALOGUE
from indicators.present import format_value, item_text
from indicators.survey import MIN_N, item_stats, open_answers, response_rates

MIN_TREND_YEARS = 3  # the cookbook's several-year view (DOMAIN W5)
ITEM_ORDER = {item.code: index for index, item in enumerate(CATALOGUE)}


def items_table(c: Ctx, items, year: int) -> None:
    latest = items[items["year"] == year].sort_values(
        "item_code", key=lambda codes: codes.map(ITEM_ORDER)
    )
    shown = latest.assign(
        item=latest["item_code"].map(lambda code: item_text(code, c.lang)),
        mean_text=[
            c.t("ui.suppressed") if s else format_value(m, "score", c.lang)
            for s, m in zip(latest["suppressed"], latest["mean"])
        ],
        agree_text=[
            c.t("ui.suppressed") if s else format_value(a, "share", c.lang)
            for s, a in zip(latest["suppressed"], latest["agree_share"])
        ],
    )
    widgets.table(
        c,
        shown,
        {
            "item": "ui.column.item",
            "indicator": "ui.column.indicator",
            "n": st.column_config.Column("n"),
            "mean_text": "ui.column.mean",
            "agree_text": "ui.column.agree_share",
        },
    )
    if latest["suppressed"].any():
        st.caption(c.t("ui.suppressed_note"))


def main() -> None:
    c = current()
    widgets.header(c, "surveys")
    if widgets.no_data_yet(c, ("survey",)):
        return
    rates = widgets.frame(cached(c, response_rates, c.cluster_id, c.years))
    if rates.empty:
        widgets.empty(c, ("survey",))
        return
    items = widgets.frame(cached(c, item_stats, c.cluster_id, c.years))
    years = sorted(rates["year"].unique())
    if len(years) < MIN_TREND_YEARS:
        st.warning(
            c.t("ui.survey.few_years", years=len(years), needed=MIN_TREND_YEARS),
            icon=":material/hourglass_top:",
        )
    widgets.caveat(c.t("ui.caveat.survey"))

    st.subheader(c.metric_name("ORG-5", "response_rate"), anchor=False)
    columns = st.columns(min(len(years), 4))
    for column, (_, row) in zip(columns, rates.tail(4).iterrows()):
        column.metric(str(int(row["year"])), format_value(row["response_rate"], "share", c.lang))
        column.caption(
            c.t(
                "ui.survey.responses_of",
                year=int(row["year"]),
                responses=format_value(row["responses"], "count", c.lang),
                invited=format_value(row["invited"], "count", c.lang),
            )
        )

    if items.empty:
        return
    year = st.selectbox(c.t("ui.survey.year"), years[::-1], key="survey_year")
    st.subheader(c.t("ui.survey.items", year=year), anchor=False)
    items_table(c, items, year)

    st.subheader(c.t("ui.survey.trend"), anchor=False)
    likert = items[items["scale"] == "likert5"].copy()
    codes = sorted(set(likert["item_code"]), key=ITEM_ORDER.get)
    if codes:
        # One bar per item and survey year (not a line per item: eight crossing lines were
        # unreadable); hidden figures stay empty and the table under it says why.
        likert["series"] = likert["year"].astype(int).astype(str)
        likert["item"] = likert["item_code"].map(
            lambda code: figures.wrapped(f"{code} {item_text(code, c.lang)}")
        )
        year_names = sorted(likert["series"].unique())
        tints = colours.shades(colours.recipient_colour("cluster_org"), len(year_names))
        widgets.chart(
            c,
            figures.stacked_bars(
                likert,
                x="item",
                series="series",
                value="mean",
                labels={},
                unit="score",
                lang=c.lang,
                horizontal=True,  # the items' texts down the side
                barmode="group",
                order=year_names,
                colour_of=dict(zip(year_names, tints)),
            ),
            "survey_trend",
            columns_of(
                c.t("ui.survey.trend"),
                likert.sort_values(["item_code", "year"]),
                [
                    ("item_code", c.t("board.col.item"), TEXT),
                    ("year", c.t("ui.chart.year"), TEXT),
                    ("mean", c.t("board.col.mean"), "score"),
                    ("n", "n", "count"),
                ],
            ),
        )
    st.caption(c.t("ui.survey.suppression", min_n=MIN_N))

    if c.is_manager:
        st.subheader(c.t("ui.survey.open"), anchor=False)
        widgets.caveat(c.t("ui.survey.open_note"))
        answers = widgets.frame(cached(c, open_answers, c.cluster_id, c.role, c.years))
        if answers.empty:  # no column to group by either
            st.caption(c.t("ui.survey.no_open"))
            return
        for (code, text_fi, text_en), group in answers.groupby(["item_code", "text_fi", "text_en"]):
            with st.expander(f"{code} {text_en if c.lang == 'en' else text_fi} ({len(group)})"):
                widgets.table(
                    c,
                    group,
                    {
                        "year": "ui.column.year",
                        "survey": "ui.column.survey",
                        "text": "ui.column.answer",
                    },
                )


main()
