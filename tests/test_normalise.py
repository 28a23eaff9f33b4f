"""Value parsing in SQL: Finnish numbers, dates, booleans, Y-tunnus, enumerations, lists,
Likert answers, totals and empty rows, and the issues they raise (SPEC 2)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from data import sqlfunc
from data.headers import detect
from data.normalise import collect, stage


def _table(rows: list[list[str | None]]) -> pa.Table:
    width = max(len(r) for r in rows)
    cols = {"__row": pa.array(range(1, len(rows) + 1), pa.int32())}
    for i in range(width):
        cols[f"c{i}"] = pa.array([r[i] if i < len(r) else None for r in rows], pa.string())
    return pa.table(cols)


def _staged(con, sheet: str, rows: list[list[str | None]], kind: str | None = None, **over):
    cur = con.cursor()
    sqlfunc.install(cur)
    table = _table(rows)
    head = [list(r) for r in rows[:20]]
    layout = detect(sheet, head, list(range(1, len(head) + 1)), kind).layout
    staged = stage(cur, table, layout, sheet=sheet, name="t_stage", overrides=over)
    return cur, collect(cur, staged, "f.xlsx")


def _values(cur, columns: str) -> list[tuple]:
    return cur.execute(f"SELECT {columns} FROM t_stage ORDER BY __row").fetchall()


def test_numbers_in_finnish_and_cell_forms(con) -> None:
    cur, staged = _staged(
        con,
        "Jäsenet",
        [
            ["Nimi", "Liikevaihto (€)", "Henkilöstö", "Jäsenmaksu"],
            ["A", "1 500,00 €", "25.0", "1500.0"],
            ["B", "1\u00a0500", "3", "1,5"],
            ["C", "1.500,00", "0", "1500"],
            ["D", "2,5 milj", "2,5", "-12"],
        ],
    )
    assert _values(cur, "turnover_eur, employees, annual_fee_eur") == [
        (1500.0, 25, 1500.0),
        (1500.0, 3, 1.5),
        (1500.0, 0, 1500.0),
        (None, None, -12.0),
    ]
    assert [(i.row, i.column, i.value, i.code) for i in staged.issues] == [
        (5, "Henkilöstö", "2,5", "bad_int"),
        (5, "Liikevaihto (€)", "2,5 milj", "bad_number"),
    ]
    assert staged.rows_read == 4 and staged.rows_rejected == 1


def test_dates_in_every_accepted_form_and_implausible_years(con) -> None:
    cur, staged = _staged(
        con,
        "Tapahtumat",
        [
            ["Nimi", "Päivämäärä"],
            ["a", "2023-05-15 00:00:00"],
            ["b", "15.5.2023"],
            ["c", "15.05.2023 klo 10"],
            ["d", "2023-05-15"],
            ["e", "31.2.2023"],
            ["f", "15.5.1023"],
            ["g", "toukokuu"],
        ],
    )
    may15 = dt.date(2023, 5, 15)
    assert _values(cur, "date") == [(may15,)] * 4 + [(None,)] * 3
    assert [(i.row, i.code, i.value) for i in staged.issues] == [
        (6, "bad_date", "31.2.2023"),
        (7, "bad_date", "15.5.1023"),
        (8, "bad_date", "toukokuu"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/11/22, 09:30:17", dt.date(2022, 11, 15)),  # Teams, day first (en-GB)
        ("03/05/23, 09:58:12", dt.date(2023, 5, 3)),  # SPEC 2.1: no AM/PM, day first
        ("7/22/26, 7:00:11 PM", dt.date(2026, 7, 22)),  # Teams en-US: month first
        ("3/5/2024, 9:58:12 AM", dt.date(2024, 3, 5)),  # AM/PM: month first
        ("11/19/2021 10:00:00", dt.date(2021, 11, 19)),  # only month first fits
        ("2023/11/20 9:15:22 AM EET", dt.date(2023, 11, 20)),  # Google Forms
        ("Mar 22, 2025 7:13 PM", dt.date(2025, 3, 22)),  # Zoom webinar
        ("22.7.2026 7.05.12", dt.date(2026, 7, 22)),  # Finnish Teams
        ("31/2/2024", None),
        ("13/13/2020", None),
        ("1/2/3", None),
    ],
)
def test_dates_as_export_tools_write_them(con, text: str, expected: dt.date | None) -> None:
    cur, staged = _staged(con, "Tapahtumat", [["Nimi", "Päivämäärä"], ["a", text]])
    assert _values(cur, "date") == [(expected,)]
    assert [i.code for i in staged.issues] == ([] if expected else ["bad_date"])


def test_booleans_present_column_empty_is_false_absent_column_takes_default(con) -> None:
    cur, staged = _staged(
        con,
        "Osallistujat",
        [
            ["Organisaatio", "Tapahtuma-id", "Osallistui"],
            ["A", "T1", "kyllä"],
            ["B", "T1", "Ei"],
            ["C", "T1", "x"],
            ["D", "T1", None],
            ["E", "T1", "yes"],
            ["F", "T1", "0"],
            ["G", "T1", "TRUE"],
            ["H", "T1", "ehkä"],
        ],
    )
    assert _values(cur, "attended") == [
        (True,),
        (False,),
        (True,),
        (False,),
        (True,),
        (False,),
        (True,),
        (None,),
    ]
    assert [(i.row, i.code, i.value) for i in staged.issues] == [(9, "bad_bool", "ehkä")]
    cur, _ = _staged(con, "Osallistujat", [["Organisaatio", "Tapahtuma-id"], ["A", "T1"]])
    assert _values(cur, "attended, role") == [(True, "attendee")]


def test_business_id_check_digit(con) -> None:
    cur, staged = _staged(
        con,
        "Jäsenet",
        [
            ["Nimi", "Y-tunnus"],
            ["A", "1234567-1"],  # 7+18+30+20+40+24+14 = 153, 153 % 11 = 10, check 11-10 = 1
            ["B", "1234567-2"],
            ["C", "0112038-9"],  # 0+9+10+10+0+12+16 = 57, 57 % 11 = 2, check 9
            ["D", "112038-9"],  # the same without the leading zero
            ["E", "FI12345671"],  # VAT form
            ["F", "123-4"],
        ],
    )
    assert _values(cur, "business_id") == [
        ("1234567-1",),
        (None,),
        ("0112038-9",),
        ("0112038-9",),
        ("1234567-1",),
        (None,),
    ]
    assert [(i.row, i.value, i.code) for i in staged.issues] == [
        (3, "1234567-2", "bad_business_id"),
        (7, "123-4", "bad_business_id"),
    ]


# Y-tunnus check digit: weights 7, 9, 10, 5, 8, 4, 2; remainder r of the sum mod 11; check digit
# 0 when r = 0, none when r = 1 (no such ID is issued), else 11 - r.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000010-0", "1000010-0"),  # 7 + 4 = 11, r 0 -> check 0
        ("1572860-0", "1572860-0"),  # 7+45+70+10+64+24+0 = 220 = 20 * 11, r 0 -> check 0
        ("1000010-1", None),  # r 0: only 0 is valid
        ("1000010-9", None),
        ("1111111-0", None),  # 7+9+10+5+8+4+2 = 45, r 1: no check digit is valid
        ("1111111-1", None),
        ("1111111-9", None),
        ("2222222-9", "2222222-9"),  # 90, r 2 -> check 9
        ("2222222-2", None),
        ("1234567-1", "1234567-1"),  # 153, r 10 -> check 1
        ("3333333-8", "3333333-8"),  # 135, r 3 -> check 8
    ],
)
def test_business_id_check_digit_by_remainder(con, text: str, expected: str | None) -> None:
    cur = con.cursor()
    sqlfunc.install(cur)
    assert cur.execute("SELECT km_bid(?)", [text]).fetchone()[0] == expected


def test_unknown_enum_value_names_the_value_and_the_accepted_ones(con) -> None:
    cur, staged = _staged(
        con,
        "Jäsenet",
        [
            ["Nimi", "Tila", "Organisaatiotyyppi", "Rooli"],
            ["A", "JÄSEN", "Yritys", "hallitus"],
            ["B", " seurantajäsen ", "korkeakoulu", "steering_group"],
            ["C", "Former", "Kaupunki", None],
            ["D", "kunniajäsen", "company", "Section chair"],
        ],
    )
    assert _values(cur, "status, org_type, governance_role") == [
        ("member", "company", "board"),
        ("follower", "rdi", "steering_group"),
        ("former", "public", "none"),
        (None, "company", "section_chair"),
    ]
    error = next(i for i in staged.issues if i.code == "bad_enum")
    assert (error.row, error.column, error.value) == (5, "Tila", "kunniajäsen")
    for lang in ("fi", "en"):
        text = error.message(lang)
        assert "kunniajäsen" in text
        assert "jäsen (member), seuraaja (follower), entinen (former)" in text
    assert "välilehti Jäsenet, rivi 5, sarake Tila" in error.message("fi")
    assert "sheet Jäsenet, row 5, column Tila" in error.message("en")
    warning = next(i for i in staged.issues if i.code == "former_without_until")
    assert warning.severity == "warning" and warning.row == 4
    assert staged.rows_rejected == 1


def test_totals_and_empty_rows_are_skipped_and_not_counted(con) -> None:
    cur, staged = _staged(
        con,
        "Rahoitus",
        [
            ["Vuosi", "Lähde", "Summa"],
            ["2024", "kaupunki", "15 000"],
            [None, None, None],
            ["2024", "Jäsenmaksu", "500"],
            ["Yhteensä", None, "15 500"],
            ["Summa:", None, "15 500"],
        ],
    )
    assert _values(cur, "__row, year, source_type, amount_eur") == [
        (2, 2024, "city_base_funding", 15000.0),
        (4, 2024, "membership_fee", 500.0),
    ]
    assert staged.rows_read == 2 and staged.issues == []


@pytest.mark.parametrize(
    ("first_cell", "totals"),
    [
        ("Yhteensä", True),
        ("YHTEENSÄ:", True),
        ("  yhteensä \t", True),  # cleaned first: whitespace of every kind folds away
        ("Yhteensä\u00a0:", True),
        ("Total", True),
        ("Totals:", True),
        ("summa", True),
        ("Yht.", True),
        ("yht. :", True),
        ("Yhteensä 2024", False),
        ("Totaalinen tapahtuma", False),
        ("Summary", False),
        ("Yhteensä-ilta", False),
    ],
)
def test_totals_row_by_its_first_cell(con, first_cell: str, totals: bool) -> None:
    cur = con.cursor()
    sqlfunc.install(cur)
    assert cur.execute("SELECT km_totals(km_clean(?))", [first_cell]).fetchone()[0] is totals


def test_required_values_and_year_range(con) -> None:
    cur, staged = _staged(
        con,
        "Rahoitus",
        [
            ["Vuosi", "Lähde", "Summa", "Tila"],
            ["24", "kaupunki", None, "sidottu"],
        ],
    )
    assert _values(cur, "status") == [("committed",)]
    assert sorted((i.column, i.code) for i in staged.issues) == [
        ("Summa", "required"),
        ("Vuosi", "out_of_range"),
    ]


def test_lists_and_business_ids_inside_them(con) -> None:
    cur, staged = _staged(
        con,
        "Hankkeet",
        [
            ["Nimi", "Tila", "Alkaa", "Kumppanit"],
            ["H1", "käynnissä", "1.1.2024", "1234567-1; Acme Oy ;; Beta"],
            ["H2", "myönnetty", "1.1.2024", "1234567-2"],
        ],
    )
    assert _values(cur, "partners") == [(["1234567-1", "Acme Oy", "Beta"],), (["1234567-2"],)]
    assert [(i.row, i.code) for i in staged.issues] == [(3, "bad_business_id_in_list")]


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("4", 4.0),
        ("5.0", 5.0),
        ("Täysin samaa mieltä", 5.0),
        ("jokseenkin eri mieltä", 2.0),
        ("ei samaa eikä eri mieltä", 3.0),
        ("strongly disagree", 1.0),
        ("en osaa sanoa", None),
        ("Don't know", None),
        (None, None),
        ("3 = ei samaa eikä eri mieltä", 3.0),
    ],
)
def test_likert_answers(con, answer, value) -> None:
    cur, staged = _staged(
        con,
        "Vastaukset",
        [
            [
                "Vastausaika",
                "A6. Klusterin toiminta palvelee organisaatiotamme.",
                "A12. Onko klusteritoiminta vaikuttanut yrityksenne strategiaan?",
            ],
            ["15.11.2024", answer, "kyllä"],
        ],
    )
    assert _values(cur, "item_A6, item_A12") == [(value, 1.0)]
    assert staged.issues == []


def test_unknown_likert_text_is_a_row_error(con) -> None:
    _, staged = _staged(
        con,
        "Vastaukset",
        [
            ["A6", "N1"],
            ["ihan ok", "4"],
        ],
    )
    assert [(i.row, i.column, i.code) for i in staged.issues] == [(2, "A6", "bad_likert")]


def test_event_from_options_fills_rows_without_event(con) -> None:
    cur, staged = _staged(
        con,
        "Osallistujat",
        [["Organisaatio", "Sähköposti"], ["A", "a@x"]],
        event_title="Aamukahvit",
        event_date=dt.date(2025, 6, 20),
    )
    assert _values(cur, "event_title, event_date") == [("Aamukahvit", dt.date(2025, 6, 20))]
    assert staged.issues == []
    _, staged = _staged(con, "Osallistujat", [["Organisaatio", "Sähköposti"], ["A", "a@x"]])
    assert [(i.row, i.code) for i in staged.issues] == [(2, "event_missing")]


def test_cleaning_keys_and_names_fold_every_kind_of_whitespace(con) -> None:
    cur = con.cursor()
    sqlfunc.install(cur)
    texts = [" a ", "a\tb", "a\u00a0\u00a0b", "A  _B", "", "   ", "Oy_Ab", "x y"]
    rows = cur.execute(
        "SELECT km_clean(s), km_ckey(km_clean(s)), km_key(s), km_person(s) FROM unnest(?) t(s)",
        [texts],
    ).fetchall()
    assert rows == [
        ("a", "a", "a", "a"),
        ("a b", "a b", "a b", "a b"),
        ("a b", "a b", "a\u00a0\u00a0b", "a\u00a0\u00a0b"),
        ("A _B", "a b", "a b", "a _b"),
        (None, None, "", None),
        (None, None, "", None),
        ("Oy_Ab", "oy ab", "oy ab", "oy_ab"),
        ("x y", "x y", "x y", "x y"),
    ]


def test_likert_answers_by_number_and_text(con) -> None:
    cur = con.cursor()
    sqlfunc.install(cur)
    answers = ["4", "4.0", "4 = samaa mieltä", "Täysin samaa mieltä", "6", "eos", None, "45"]
    rows = cur.execute(
        "SELECT km_likert(s), km_no_answer(s) FROM unnest(?) t(s)", [answers]
    ).fetchall()
    assert rows == [
        (4.0, False),
        (4.0, False),
        (4.0, False),
        (5.0, False),
        (None, False),
        (None, True),
        (None, True),
        (None, False),
    ]
