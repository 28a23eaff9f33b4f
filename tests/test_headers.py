"""Header normalisation, header-row detection and sheet-kind detection (SPEC 2)."""

from __future__ import annotations

import pytest

from data.headers import detect, normalise_header, sheet_name_kind, survey_item_code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Liikevaihto (€) ", "liikevaihto"),
        ("Nimi *", "nimi"),
        ("Jäsen   alkaen:", "jäsen alkaen"),
        ("Y-TUNNUS", "y-tunnus"),
        ("Summa (EUR) *:", "summa"),
        ("Henkilöstö\u00a0(hlö)", "henkilöstö"),
        (None, ""),
    ],
)
def test_normalise_header(raw, expected) -> None:
    assert normalise_header(raw) == expected


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("a6. klusterin toiminta palvelee organisaatiotamme.", "A6"),
        ("a12 onko klusteritoiminta vaikuttanut yrityksenne strategiaan?", "A12"),
        ("n1) jäsenet luottavat toisiinsa", "N1"),
        ("p3: klusterin kautta", "P3"),
        ("jäsenet luottavat toisiinsa.", "N1"),
        ("members trust each other", "N1"),
        ("b1", "B1"),
        ("a10. jotain muuta", None),
        ("a6klusteri", None),
        ("nimi", None),
    ],
)
def test_survey_item_code(header, code) -> None:
    assert survey_item_code(header) == code


def test_sheet_names_in_finnish_and_english() -> None:
    assert sheet_name_kind("Jäsenrekisteri") == "members"
    assert sheet_name_kind("MEMBERS") == "members"
    assert sheet_name_kind("Osallistujat") == "participants"
    assert sheet_name_kind("Tulot 2024") == "funding"
    assert sheet_name_kind("Regional statistics") == "regional"
    assert sheet_name_kind("Taul1") is None


def _numbers(rows):
    return list(range(1, len(rows) + 1))


def test_header_row_below_title_rows_and_unknown_columns() -> None:
    rows = [
        ["Jäsenrekisteri 2024", None, None, None],
        [None, "Päivitetty 1.3.2024", None, None],
        ["Yritys", "Y-tunnus", "Lempiväri", "Liikevaihto (€)"],
        ["Acme Oy", "1234567-1", "sininen", "1 500"],
    ]
    found = detect("Taul1", rows, [1, 2, 4, 5])
    layout = found.layout
    assert layout.kind == "members"
    assert layout.header_index == 2 and layout.header_row == 4
    assert layout.columns == {"name": "c0", "business_id": "c1", "turnover_eur": "c3"}
    assert layout.headers["turnover_eur"] == "Liikevaihto (€)"
    assert layout.unknown == ["Lempiväri"]


def test_header_beyond_twenty_rows_is_not_found() -> None:
    rows = [[f"otsikko {i}", None] for i in range(20)] + [["Nimi", "Y-tunnus"]]
    found = detect("Jäsenet", rows, _numbers(rows))
    assert found.layout is None and found.reason == "no_header"


def test_kind_by_sheet_name_beats_columns() -> None:
    rows = [["Tapahtuma", "Päivämäärä", "Organisaatio"]]
    assert detect("Tapahtumat", rows, [1]).layout.kind == "events"
    assert detect("Taul1", rows, [1]).layout.kind == "participants"


def test_kind_option_overrides_sheet_name() -> None:
    rows = [["Nimi", "Päivämäärä", "Tyyppi"]]
    assert detect("Jäsenet", rows, [1], kind="events").layout.kind == "events"


def test_survey_with_two_items_wins_over_other_columns_and_name() -> None:
    rows = [
        [
            "Nimi",
            "Y-tunnus",
            "Organisaatio",
            "A6. Klusterin toiminta palvelee organisaatiotamme.",
            "N1 Jäsenet luottavat toisiinsa",
        ]
    ]
    layout = detect("Jäsenet", rows, [1]).layout
    assert layout.kind == "survey"
    assert layout.items == ["A6", "N1"]
    assert layout.columns["organisation"] == "c2"
    # A respondent's name is a column survey tools write and the importer never stores.
    assert layout.unknown == ["Y-tunnus"] and layout.ignored == 1


def test_one_survey_item_is_not_a_survey() -> None:
    rows = [["Vuosi", "Lähde", "A6. Klusterin toiminta palvelee organisaatiotamme."]]
    assert detect("Taul1", rows, [1]).layout is None


def test_ambiguous_and_unknown_sheets_are_skipped_not_guessed() -> None:
    # "nimi" + "tunniste" fit both events (title, event_id) and projects (name, project_id),
    # but neither kind's required columns are all present -> unknown.
    assert detect("Taul1", [["Nimi", "Tunniste"]], [1]).reason == "unknown_kind"
    # "Otsikko, Päivämäärä, Tyyppi" is a whole event sheet and a whole outcome sheet.
    found = detect("Taul1", [["Otsikko", "Päivämäärä", "Tyyppi"]], [1])
    assert found.layout is None and found.reason == "ambiguous_kind"
    assert found.fields == {"kinds": "events, outcomes"}
    # The same columns plus a format column are events only (more columns match).
    assert (
        detect("Taul1", [["Otsikko", "Päivämäärä", "Tyyppi", "Muoto"]], [1]).layout.kind == "events"
    )
    assert (
        detect("Ohjeet", [["Lue tämä ensin"], ["Sarake", "Selitys"]], [1, 2]).reason
        == "unknown_kind"
    )
