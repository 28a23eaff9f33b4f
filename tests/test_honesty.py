"""How a figure may be read (issue 16 item 2), one rule per test, with hand-computed values:
stock vs flow, change only when both years are known, "not recorded", target status."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from charts import figures
from charts.table import TEXT, table
from charts.units import change_text
from export.table_file import table_workbook
from indicators import honesty
from indicators.honesty import BEHIND, NO_DATA, NO_TARGET, NOT_REACHED, ON_TRACK, REACHED
from indicators.present import figure_text


@pytest.mark.parametrize(
    ("code", "metric", "stock"),
    [
        ("ORG-1", "members_year_end", True),
        ("REG-3", "member_jobs", False),  # moves with membership: no change shown
        ("ORG-1", "engagement_passive", True),
        ("ORG-4", "events_held", False),
        ("REG-4", "joint_rdi_projects_eur", False),
        ("ORG-3", "eu_funding_eur", False),
        ("ORG-3", "application_success_rate", False),
        ("FUN-1", "total_eur", False),
        ("COM-3", "outcomes_eur", False),
    ],
)
def test_stock_or_flow(code: str, metric: str, stock: bool) -> None:
    assert honesty.is_stock(code, metric) is stock


@pytest.mark.parametrize(
    ("code", "metric", "by_year", "expected"),
    [
        # Member jobs 2 543 → 2 817 is membership growth, not job growth: no change.
        ("REG-3", "member_jobs", {2024: 2543, 2025: 2817}, None),
        # Members 28 → 34: +6.
        ("ORG-1", "members_year_end", {2024: 28, 2025: 34}, (6.0, 2024)),
        # A stock whose previous year has no value: no change.
        ("ORG-1", "members_year_end", {2023: 15, 2025: 34}, None),
        ("ORG-1", "members_year_end", {2024: None, 2025: 34}, None),
        # Flows never get one, however complete (REG-4 "0 / −1", ORG-3 "0 € / −252 000 €").
        ("REG-4", "joint_rdi_projects", {2024: 1, 2025: 0}, None),
        ("ORG-3", "eu_funding_eur", {2024: 252000.0, 2025: 0.0}, None),
        ("ORG-3", "application_success_rate", {2024: 0.0, 2025: 1.0}, None),
    ],
)
def test_change_only_for_stocks_with_both_years(
    code: str, metric: str, by_year: dict, expected: tuple | None
) -> None:
    assert honesty.change(code, metric, by_year, 2025) == expected


@pytest.mark.parametrize(
    ("unit", "n", "value", "expected"),
    [
        ("eur", 0, 0.0, False),  # a euro sum of no row with an amount: not recorded, not "0 €"
        ("eur", 2, 0.0, True),
        ("eur", None, 0.0, True),  # a sum that does not say what it rests on
        ("count", 0, 0.0, True),  # a count of 0 rows is a real 0
        ("share", 0, 0.0, True),  # 0 answers of 10 invited: a response rate of 0 %
        # REG-3's change among companies with counts for both years, when there is none.
        ("count", 0, None, False),
        ("share", None, None, True),  # missing for another reason (its note says which)
    ],
)
def test_not_recorded(unit: str, n: int | None, value: float | None, expected: bool) -> None:
    assert honesty.recorded(unit, n, value) is expected


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_not_recorded_and_suppressed_read_as_words(lang: str) -> None:
    words = {
        "fi": ("ei kirjattu", "ei näytetä (n < 5)"),
        "en": ("not recorded", "not shown (n < 5)"),
    }
    assert figure_text(0.0, "eur", lang, suppressed=False, recorded=False) == words[lang][0]
    assert figure_text(None, "share", lang, suppressed=True, recorded=True) == words[lang][1]
    assert (
        figure_text(15000.0, "eur", "fi", suppressed=False, recorded=True) == "15\u00a0000\u00a0€"
    )


def test_change_text_in_points_for_shares() -> None:
    # 0.2336 − 0.2400 = −0.0064 → −0,6 percentage points; the sign is a minus sign.
    assert change_text(0.2336 - 0.2400, "share", "fi") == "−0,6 %-yks."
    assert change_text(6.0, "count", "en") == "+6"


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2024, dt.date(2023, 12, 31), 0.0),
        (2024, dt.date(2024, 1, 1), 1 / 366),
        (2024, dt.date(2024, 7, 1), 183 / 366),  # 2024 is a leap year: 31+29+31+30+31+30+1
        (2024, dt.date(2024, 12, 31), 1.0),
        (2024, dt.date(2025, 6, 1), 1.0),
    ],
)
def test_year_elapsed(year: int, today: dt.date, expected: float) -> None:
    assert honesty.year_elapsed(year, today) == pytest.approx(expected)


MID_2024 = dt.date(2024, 7, 1)  # half of 2024 gone (183 / 366 = 0.5)
AFTER = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("code", "metric", "value", "target", "today", "expected"),
    [
        ("ORG-4", "events_held", 10, 10, AFTER, REACHED),
        ("ORG-4", "events_held", 9, 10, AFTER, NOT_REACHED),
        ("ORG-4", "events_held", 12, 10, MID_2024, REACHED),  # a flow keeps what it has done
        ("ORG-4", "events_held", 5, 10, MID_2024, ON_TRACK),  # 5 ≥ 10 × 0.5
        ("ORG-4", "events_held", 4, 10, MID_2024, BEHIND),
        ("ORG-1", "members_year_end", 30, 30, MID_2024, ON_TRACK),  # a stock may still fall
        ("ORG-1", "members_year_end", 29, 30, MID_2024, BEHIND),  # no pro-rata for a level
        ("ORG-1", "members_year_end", 30, 30, AFTER, REACHED),
        ("ORG-1", "members_left", 2, 3, AFTER, REACHED),  # a ceiling
        ("ORG-1", "members_left", 3, 3, AFTER, REACHED),  # at the ceiling is within it
        ("ORG-1", "members_left", 4, 3, MID_2024, NOT_REACHED),  # leavers cannot come back
        ("ORG-1", "members_left", 1, 3, MID_2024, ON_TRACK),
        ("ORG-4", "events_held", None, 10, AFTER, NO_DATA),
        ("ORG-4", "events_held", 7, None, AFTER, NO_TARGET),
    ],
)
def test_target_status(
    code: str, metric: str, value: float | None, target: float | None, today: dt.date, expected: str
) -> None:
    assert honesty.target_status(code, metric, value, target, 2024, today) == expected


def test_chart_data_download_keeps_text_text_and_numbers_numbers() -> None:
    """SPEC 6: a name that starts like a formula stays a text cell; values stay numbers."""
    data = table(
        "Rahoitus",
        [("Vuosi", TEXT), ("Maksaja", TEXT), ("Maksettu", "eur"), ("Osuus", "share")],
        [[2025, "=HYPERLINK(1)", 15000.0, 0.2336], [2024, "-2+3", 0.0, "ei kirjattu"]],
    )
    book = openpyxl.load_workbook(io.BytesIO(table_workbook(data, "fi")))
    sheet = book.active
    assert [c.value for c in sheet[3]] == ["Vuosi", "Maksaja", "Maksettu", "Osuus"]
    row = sheet[4]
    assert row[1].value == "=HYPERLINK(1)" and row[1].data_type == "s"
    assert row[2].value == 15000 and row[2].data_type == "n"
    assert sheet[5][1].data_type == "s" and sheet[5][3].value == "ei kirjattu"
    shown = data.display("fi")
    assert list(shown.iloc[0]) == ["2025", "=HYPERLINK(1)", "15\u00a0000\u00a0€", "23,4\u00a0%"]


def test_regional_context_is_an_index_with_an_honest_axis() -> None:
    """Population 15 820 → 15 710 is −0,7 %: drawn as an index around 100 whose axis spans at
    least ±10 points, not as a plunge on an axis cut just under the data."""
    import pandas as pd

    wide = pd.DataFrame({"year": [2023, 2024, 2025], "Loimaa": [15820, 15760, 15710]})
    fig = figures.index_lines(
        wide, x="year", columns={"Loimaa": "Väkiluku"}, lang="fi", index_label="Indeksi"
    )
    trace = fig.data[0]
    assert list(trace.text) == ["100", "−0,4\u00a0%", "−0,7\u00a0%"]  # 60/15820, 110/15820
    low, high = fig.layout.yaxis.range
    assert low <= 90 and high >= 110


def test_level_axes_start_at_zero_and_labels_fit() -> None:
    import pandas as pd

    df = pd.DataFrame({"year": [2023, 2024], "a": [1152, 1170]})
    fig = figures.lines(df, x="year", columns={"a": "Toimipaikat"}, unit="count", lang="fi")
    assert fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.yaxis.automargin and fig.layout.xaxis.automargin
    assert fig.layout.xaxis.tickangle == 0


def test_committed_column_only_where_something_was_committed() -> None:
    import pandas as pd

    rows = pd.DataFrame(
        [
            {"year": 2024, "funding_group": "members", "paid_eur": 28200.0, "committed_eur": 0.0},
            {
                "year": 2025,
                "funding_group": "members",
                "paid_eur": 22200.0,
                "committed_eur": 7200.0,
            },
        ]
    )
    fig = figures.paid_vs_committed(
        rows,
        series="funding_group",
        labels={"members": "Jäsenet"},
        status_labels={"paid_eur": "maksettu", "committed_eur": "sitoumus"},
        lang="fi",
    )
    assert list(fig.data[0].x) == ["2024", "2025<br>maksettu", "2025<br>sitoumus"]
