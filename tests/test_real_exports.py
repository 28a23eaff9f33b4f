"""Real exports load as the tools write them (SPEC 2.1): each file imported with no flags (or
only what the file cannot say), then the indicator values checked against hand counts.

Where each layout comes from is said in the builders (``tests/real_exports.py``) and tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli.main import main
from data.store import open_db
from tests.import_helpers import workbook
from tests.real_exports import (
    A6_FI,
    EVENTBRITE_HEADER,
    N1_FI,
    eventbrite_attendees,
    forms_excel,
    import_cli,
    indicators,
    teams_legacy_list,
    teams_report,
    zoom_participants,
    zoom_webinar_report,
)

# A small register: Acme and Beta give their web domains, Gamma does not.
REGISTER = [
    ["Nimi", "Y-tunnus", "Tyyppi", "Jäsen alkaen", "Kotisivu"],
    ["Acme Oy", "1234567-1", "yritys", dt.datetime(2020, 1, 1), "https://www.acme.fi/"],
    ["Beta Oy", None, "yritys", dt.datetime(2021, 3, 1), "beta.fi"],
    ["Gamma Ab", None, "yritys", dt.datetime(2021, 3, 1), None],
]


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    """A database holding the three-member register."""
    path = tmp_path / "klusteri.duckdb"
    register = workbook(tmp_path / "jasenet.xlsx", {"Jäsenet": REGISTER})
    code, report = import_cli(path, capsys, register)
    assert code == 0, report
    return path


def _stored_text(db: Path) -> str:
    con = open_db(db)
    try:
        tables = ("participation", "event", "organisation", "membership", "import_log")
        return " ".join(
            str(value)
            for table in tables
            for row in con.execute(f"SELECT * FROM {table}").fetchall()
            for value in row
        ).casefold()
    finally:
        con.close()


TEAMS_PEOPLE = [
    # name, first join, last leave, duration, e-mail, role
    ("Virtanen Matti", "03/05/23, 09:58:12", "03/05/23, 10:56:20", "58m 8s",
     "matti.virtanen@acme.fi", "Organizer"),
    ("Laine, Liisa", "03/05/23, 10:01:02", "03/05/23, 10:56:18", "55m 16s",
     "liisa.laine@mail.acme.fi", "Presenter"),
    ("Pekka Korhonen (External)", "03/05/23, 10:02:40", "03/05/23, 10:50:00", "47m 20s",
     "pekka.korhonen@beta.fi", "Attendee"),
    ("Anna Nieminen", "03/05/23, 10:05:00", "03/05/23, 10:30:00", "25m 0s",
     "anna.nieminen@gmail.com", "Attendee"),
    ("Juha Mäkinen", "03/05/23, 10:06:00", "03/05/23, 10:56:00", "50m 0s",
     "juha@tuntematon-oy.fi", "Attendee"),
]  # fmt: skip


def test_teams_attendance_report_names_its_event_and_resolves_orgs_by_domain(
    db: Path, tmp_path: Path, capsys
) -> None:
    """Teams report with no flags: the summary's title and start time name the event, e-mail
    domains find Acme (also through mail.acme.fi) and Beta; the gmail.com and unknown-domain
    people count as people only; the activities section (a rejoin) is not read."""
    report = teams_report(
        tmp_path / "meetingAttendanceReport(Aamukahvit).csv",
        "Aamukahvit: tekoäly tuotannossa",
        "03/05/23, 09:58:12",
        TEAMS_PEOPLE,
        crlf=False,
    )
    code, text = import_cli(db, capsys, report)
    assert code == 0, text
    assert "Sheet meetingAttendanceReport(Aamukahvit) (participants): read 5, loaded 5" in text
    assert "3. In-Meeting activities" in text and "were not read" in text
    assert "gmail.com* (1), tuntematon-oy.fi (1)" in text
    con = open_db(db)
    try:
        assert con.execute("SELECT title, date, from_attendance FROM v_event").fetchall() == [
            ("Aamukahvit: tekoäly tuotannossa", dt.date(2023, 5, 3), True)
        ]
        assert con.execute(
            "SELECT role, count(*) FROM v_participation GROUP BY 1 ORDER BY 1"
        ).fetchall() == [("attendee", 3), ("organiser", 1), ("speaker", 1)]
    finally:
        con.close()
    values = indicators(db, capsys)
    assert values[("ORG-4", "events_held", 2023)] == 1
    assert values[("ORG-4", "person_participations", 2023)] == 5
    assert values[("ORG-4", "participating_orgs", 2023)] == 2  # Acme, Beta
    assert values[("ORG-4", "participating_orgs_by_type.company", 2023)] == 2
    assert ("ORG-4", "participating_orgs_by_type.other", 2023) not in values
    assert values[("ORG-1", "members_year_end", 2023)] == 3
    assert values[("ORG-1", "participating_member_share", 2023)] == pytest.approx(0.6667)
    assert values[("ORG-1", "engagement_occasional", 2023)] == 2
    assert values[("ORG-1", "engagement_passive", 2023)] == 1
    stored = _stored_text(db)
    for clear in ("virtanen", "liisa", "korhonen", "nieminen", "gmail", "tuntematon"):
        assert clear not in stored


def test_teams_us_report_with_external_guests_and_crlf(db: Path, tmp_path: Path, capsys) -> None:
    """The US-locale report (AM/PM dates, CRLF): month first, ``(External)`` dropped from the
    name, so the same guest in two rows is one person."""
    people = [
        ("Matti Virtanen", "7/22/26, 7:02:10 AM", "7/22/26, 7:20:30 AM", "18m 20s",
         "matti.virtanen@acme.fi", "Presenter"),
        ("Pekka Korhonen (External)", "7/22/26, 7:04:00 AM", "7/22/26, 7:10:00 AM", "6m 0s",
         "", "Attendee"),
        ("Pekka Korhonen", "7/22/26, 7:12:00 AM", "7/22/26, 7:20:00 AM", "8m 0s",
         "", "Attendee"),
    ]  # fmt: skip
    report = teams_report(
        tmp_path / "meetingAttendanceReport.csv", "FIN04 - Morning", "7/22/26, 7:05:12 AM",
        people, crlf=True,
    )  # fmt: skip
    code, text = import_cli(db, capsys, report)
    assert code == 0, text
    con = open_db(db)
    try:
        assert con.execute("SELECT date FROM v_event").fetchall() == [(dt.date(2026, 7, 22),)]
    finally:
        con.close()
    values = indicators(db, capsys)
    assert values[("ORG-4", "person_participations", 2026)] == 2
    assert values[("ORG-4", "participating_orgs", 2026)] == 1


def test_teams_older_attendance_list_needs_only_the_event(db: Path, tmp_path: Path, capsys) -> None:
    """The older list names no event and no e-mail: with --event-title/--event-date it loads;
    Joined, Joined before and Left rows of one person are one person."""
    listing = teams_legacy_list(
        tmp_path / "meetingAttendanceList.csv",
        [
            ("Virtanen, Matti", "Joined before", "3/5/2024, 9:58:12 AM"),
            ("Laine, Liisa", "Joined", "3/5/2024, 10:01:02 AM"),
            ("Laine, Liisa", "Left", "3/5/2024, 10:20:00 AM"),
            ("Laine, Liisa", "Joined", "3/5/2024, 10:25:00 AM"),
            ("Korhonen, Pekka", "Joined", "3/5/2024, 10:02:40 AM"),
        ],
    )
    code, text = import_cli(db, capsys, listing)
    assert code == 1 and "event missing" in text
    code, text = import_cli(
        db, capsys, listing, options=("--event-title", "Työpaja", "--event-date", "5.3.2024")
    )
    assert code == 0, text
    values = indicators(db, capsys)
    assert values[("ORG-4", "person_participations", 2024)] == 3
    assert values[("ORG-4", "participating_orgs", 2024)] == 0


def lyyti_list(path: Path, rows: list[list[object]]) -> Path:
    """A Lyyti-style participant export (SPEC 2.1: ``Etunimi``, ``Sukunimi``, ``Sähköposti``,
    ``Organisaatio`` and a participation status). No public sample exists; Lyyti's help pages
    document its Excel import with e-mail as the key and one column per answer, and a
    participant status, so the export is read as such an Excel sheet."""
    header = ["Etunimi", "Sukunimi", "Sähköposti", "Organisaatio", "Osallistumisen tila"]
    return workbook(path, {"Osallistujat": [header, *rows]})


def test_lyyti_list_teaches_domains_that_a_zoom_report_then_uses(
    db: Path, tmp_path: Path, capsys
) -> None:
    """A Lyyti list (organisation column, statuses) teaches that delta.fi is Delta Oy; a Zoom
    report of another event, with no organisation column, then finds Delta by domain, Acme
    by the register's domain, and counts a rejoining person once."""
    lyyti = lyyti_list(
        tmp_path / "osallistujat.xlsx",
        [
            ["Matti", "Virtanen", "matti.virtanen@acme.fi", "Acme Oy", "Osallistunut"],
            ["Dora", "Delta", "dora@delta.fi", "Delta Oy", "Osallistunut"],
            ["Eero", "Esimerkki", "eero@gamma.fi", "Gamma Ab", "Peruttu"],
            ["Ilona", "Ilmoittautunut", "ilona@beta.fi", "Beta Oy", "Ilmoittautunut"],
        ],
    )
    code, text = import_cli(
        db, capsys, lyyti, options=("--event-title", "Kiertotalousaamiainen", "--event-date",
                                    "12.10.2021"),
    )  # fmt: skip
    assert code == 0, text
    zoom = zoom_participants(
        tmp_path / "participants_60245167821.csv",
        "Webinaari: kiertotalous",
        "11/19/2021 10:00:00 AM",
        [
            ("Matti Virtanen", "matti.virtanen@acme.fi", "11/19/2021 09:54:15 AM",
             "11/19/2021 10:30:00 AM", "36", "No", "Y"),
            ("Matti Virtanen", "matti.virtanen@acme.fi", "11/19/2021 10:35:00 AM",
             "11/19/2021 12:01:59 PM", "87", "No", "Y"),
            ("Daniel D (Dan)", "daniel@delta.fi", "11/19/2021 10:07:44 AM",
             "11/19/2021 12:01:58 PM", "115", "Yes", "Y"),
            ("Guest 1", "", "11/19/2021 10:08:10 AM", "11/19/2021 10:17:18 AM", "10", "Yes",
             "NA"),
        ],
    )  # fmt: skip
    code, text = import_cli(db, capsys, zoom)
    assert code == 0, text
    assert "read 4, loaded 4" in text and "– (1)" in text
    con = open_db(db)
    try:
        events = con.execute("SELECT title, date FROM v_event ORDER BY date").fetchall()
    finally:
        con.close()
    assert events == [
        ("Kiertotalousaamiainen", dt.date(2021, 10, 12)),
        ("Webinaari: kiertotalous", dt.date(2021, 11, 19)),
    ]
    values = indicators(db, capsys)
    # Lyyti: Matti and Dora present, Ilona registered while others are marked present (does
    # not count), Eero cancelled. Zoom: Matti (twice), Daniel, the e-mail-less guest.
    assert values[("ORG-4", "events_held", 2021)] == 2
    assert values[("ORG-4", "person_participations", 2021)] == 2 + 3
    assert values[("ORG-4", "participating_orgs", 2021)] == 2  # Acme, Delta
    assert values[("ORG-4", "participating_orgs_by_type.company", 2021)] == 1
    assert values[("ORG-4", "participating_orgs_by_type.other", 2021)] == 1
    assert values[("ORG-1", "participating_member_share", 2021)] == pytest.approx(0.3333)
    assert values[("ORG-1", "engagement_active", 2021)] == 1  # Acme: two events


EVENTBRITE_ROWS = [
    ("11/29/24 22:28", "Matti", "Virtanen", "matti.virtanen@acme.fi", "Checked In", "Acme Oy"),
    ("11/29/24 22:54", "Liisa", "Laine", "liisa@beta.fi", "Attending", "Beta Oy"),
    ("12/01/24 08:10", "Pekka", "Korhonen", "pekka@gamma.fi", "Refunded", "Gamma Ab"),
    ("12/02/24 09:00", "Anna", "Nieminen", "anna@delta.fi", "Cancelled", "Delta Oy"),
    ("12/02/24 09:30", "Juha", "Mäkinen", "juha@epsilon.fi", "Not Attending", "Epsilon Oy"),
    ("12/03/24 10:00", "Olli", "Ojala", "olli@acme.fi", "Checked In", "Acme Oy"),
]


@pytest.mark.parametrize(
    ("statuses", "persons", "orgs"),
    [
        # Checked In rows count; Attending does not once anyone is checked in.
        (None, 2, 1),
        # Nobody checked in (the report was taken before the event): Attending counts.
        ({"Checked In": "Attending"}, 3, 2),
    ],
    ids=["checked-in", "no-check-in"],
)
def test_eventbrite_attendee_report_counts_by_status(
    db: Path, tmp_path: Path, capsys, statuses, persons, orgs
) -> None:
    """Refunded, Cancelled and Not Attending never count; ``Order Date`` (2024) is not the
    event date (given at import, 2025); ``Company`` is the organisation."""
    rows = [
        (o, f, last, e, (statuses or {}).get(s, s), c) for o, f, last, e, s, c in EVENTBRITE_ROWS
    ]
    report = eventbrite_attendees(tmp_path / "report-2025-01-16.csv", rows)
    options = ("--event-title", "Kiertotalousmessut", "--event-date", "2025-01-15")
    code, text = import_cli(db, capsys, report, options=options)
    assert code == 0, text
    values = indicators(db, capsys)
    assert ("ORG-4", "events_held", 2024) not in values
    assert values[("ORG-4", "events_held", 2025)] == 1
    assert values[("ORG-4", "person_participations", 2025)] == persons
    assert values[("ORG-4", "participating_orgs", 2025)] == orgs


def test_eventbrite_uk_locale_headers(db: Path, tmp_path: Path, capsys) -> None:
    """The UK/EU locale writes ``Order no.`` and ``Surname``, some headers with a trailing
    space: the same columns."""
    header = (
        EVENTBRITE_HEADER.replace("Order #", "Order no.")
        .replace("Last Name", "Surname")
        .replace("First Name", "First Name ")
        .replace("Attendee Status", "Attendee status ")
    )
    report = eventbrite_attendees(tmp_path / "attendees.csv", EVENTBRITE_ROWS, header)
    options = ("--event-title", "Kiertotalousmessut", "--event-date", "2025-01-15")
    code, text = import_cli(db, capsys, report, options=options)
    assert code == 0, text
    for header in ("Order no.", "Surname", "First Name", "Attendee status", "Company"):
        assert f"column {header}: unknown column" not in text
    values = indicators(db, capsys)
    assert values[("ORG-4", "person_participations", 2025)] == 2


def _survey_values(db: Path, capsys, year: int) -> dict[str, object]:
    values = indicators(db, capsys)
    metrics = ("mean.A6", "agree_share.A6", "mean.N1", "agree_share.N1", "response_rate")
    return {metric: values[("ORG-5", metric, year)] for metric in metrics}


EXPECTED_SURVEY = {
    "mean.A6": 4.2,
    "agree_share.A6": 0.8,
    "mean.N1": 3.8,
    "agree_share.N1": 0.8,
    "response_rate": 0.6,
}


def test_microsoft_forms_excel_export(db: Path, tmp_path: Path, capsys) -> None:
    """Forms "Open in Excel" (``real_exports.forms_excel``): the year comes from Completion
    time; only --invited is given; the multiple choice question is no survey item."""
    path = forms_excel(tmp_path)
    code, text = import_cli(db, capsys, path, options=("--invited", "10"))
    assert code == 0, text
    assert "Sheet Sheet1 (survey): read 6, loaded 6" in text
    assert _survey_values(db, capsys, 2023) == EXPECTED_SURVEY


def google_forms_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A Google Forms responses CSV: every field quoted, ``Timestamp`` like ``2023/11/20
    9:15:22 AM EET`` and ``Email Address`` (public code parses the timestamp with
    ``%Y/%m/%d %I:%M:%S %p`` and a zone suffix; headers ``"Timestamp","Email Address"``)."""

    def line(cells: list[str]) -> str:
        return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)

    path.write_bytes(("\r\n".join(map(line, [header, *rows])) + "\r\n").encode("utf-8"))
    return path


def test_google_forms_csv(db: Path, tmp_path: Path, capsys) -> None:
    """English question texts, Likert answers as numbers and words, a comma in a quoted
    answer; the year from the Timestamp."""
    header = ["Timestamp", "Email Address", "Your organisation",
              "The cluster's activity serves our organisation.", "Members trust each other.",
              "What should be fixed in the cluster's activity?"]  # fmt: skip
    rows = [
        ["2023/11/20 9:15:22 AM EET", "a@acme.fi", "Acme Oy", "5", "4", "More visits, please"],
        ["2023/11/20 10:01:09 AM EET", "b@beta.fi", "Beta Oy", "Agree", "4", ""],
        ["2023/11/21 1:45:00 PM EET", "c@x.fi", "", "4", "2", ""],
        ["2023/11/22 8:00:00 AM EET", "d@x.fi", "", "3", "", ""],
        ["2023/11/23 4:30:12 PM EET", "e@x.fi", "", "Strongly agree", "5", ""],
        ["2024/01/02 9:00:00 AM EET", "f@x.fi", "", "N/A", "Agree", ""],
    ]
    path = google_forms_csv(tmp_path / "Cluster survey 2023.csv", header, rows)
    code, text = import_cli(db, capsys, path, options=("--invited", "10"))
    assert code == 0, text
    assert _survey_values(db, capsys, 2023) == EXPECTED_SURVEY


def test_webropol_style_export(db: Path, tmp_path: Path, capsys) -> None:
    """Webropol-style (no public sample; its manuals say results export to Excel with scale
    options carrying a value): numbered questions ``1. …``, matrix statements as ``<intro> -
    <statement>``, ``Vastausaika``, answers like ``5 - Täysin samaa mieltä``,
    ``Osittain samaa mieltä``, ``EOS``, ``Ei kantaa``."""
    intro = "3. Arvioi seuraavia väittämiä"
    header = ["Vastaaja", "Vastausaika", "1. Organisaationne nimi",
              f"{intro} - {A6_FI}", f"{intro} - {N1_FI}"]  # fmt: skip
    rows = [
        [1, "20.11.2023 9:15", "Acme Oy", "5 - Täysin samaa mieltä", "Osittain samaa mieltä"],
        [2, "20.11.2023 9:40", "Beta Oy", "Osittain samaa mieltä", "4"],
        [3, "21.11.2023 13:02", None, "Samaa mieltä", "Osittain eri mieltä"],
        [4, "22.11.2023 8:00", None, "3 - Ei samaa eikä eri mieltä", "Ei kantaa"],
        [5, "23.11.2023 16:30", None, "Täysin samaa mieltä", "5"],
        [6, "24.11.2023 10:10", None, "EOS", "Samaa mieltä"],
    ]
    path = workbook(tmp_path / "webropol_raportti.xlsx", {"Vastaukset": [header, *rows]})
    code, text = import_cli(db, capsys, path, options=("--invited", "10"))
    assert code == 0, text
    assert _survey_values(db, capsys, 2023) == EXPECTED_SURVEY


def pxweb_csv(path: Path, title: str, lines: list[str]) -> Path:
    """A Statistics Finland PX-Web download, "puolipiste-eroteltu csv (otsikollinen)": the
    quoted table title, a blank line, the header; texts quoted, numbers not; ``;``; Windows
    encoding and CRLF. Layout as in a public note that quotes the download ("12jz -- Maanteiden
    pituus …", ``"Alue";"Vuosi";"Liikennesuorite"``, ``"MK01 Uusimaa";"2020";7657``) and the
    comma variant downloaded in GitHub ANETILab/stop_accessibility
    ``data/statistics/finland/001_128c_2023_20250619-123755.csv``."""
    text = "\r\n".join([f'"{title}"', "", *lines]) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


def _regional_rows(db: Path) -> list[tuple]:
    con = open_db(db)
    try:
        return con.execute(
            "SELECT region, region_code, year, measure, value, source FROM v_regional_stat "
            "ORDER BY region, measure, year"
        ).fetchall()
    finally:
        con.close()


TITLE = "11ra -- Työlliset ja väestö alueittain, 2020-2021"


def test_statfin_long_form_csv(db: Path, tmp_path: Path, capsys) -> None:
    """Long form: the value columns are named after their measures; ``..`` is missing."""
    path = pxweb_csv(
        tmp_path / "001_11ra_2021_20240115-101500.csv",
        TITLE,
        [
            '"Alue";"Vuosi";"Työlliset";"Väkiluku"',
            '"KU430 Loimaa";"2020";6180;15930',
            '"KU430 Loimaa";"2021";..;15820',
            '"MK02 Varsinais-Suomi";"2021";221500;483477',
        ],
    )
    code, text = import_cli(db, capsys, path)
    assert code == 0, text
    assert "1 values were marked missing" in text
    assert _regional_rows(db) == [
        ("Loimaa", "KU430", 2020, "employment_total", 6180.0, TITLE),
        ("Loimaa", "KU430", 2020, "population", 15930.0, TITLE),
        ("Loimaa", "KU430", 2021, "population", 15820.0, TITLE),
        ("Varsinais-Suomi", "MK02", 2021, "employment_total", 221500.0, TITLE),
        ("Varsinais-Suomi", "MK02", 2021, "population", 483477.0, TITLE),
    ]


def test_statfin_wide_form_csv(db: Path, tmp_path: Path, capsys) -> None:
    """Wide form: a column per year and measure (``"2020 Työlliset"``); ``...`` and ``-``
    are missing."""
    path = pxweb_csv(
        tmp_path / "001_11ra_wide.csv",
        TITLE,
        [
            '"Alue";"2020 Työlliset";"2021 Työlliset"',
            '"KU430 Loimaa";6180;6240',
            '"KU304 Kustavi";...;-',
        ],
    )
    code, text = import_cli(db, capsys, path)
    assert code == 0, text
    assert [row[:5] for row in _regional_rows(db)] == [
        ("Loimaa", "KU430", 2020, "employment_total", 6180.0),
        ("Loimaa", "KU430", 2021, "employment_total", 6240.0),
    ]


def test_statfin_xlsx_with_a_source_line_below(db: Path, tmp_path: Path, capsys) -> None:
    """The xlsx download: title on top, a measure column (``Tiedot``) with a column per year,
    and the source line below the table, which is a note and no region."""
    sheet = [
        [TITLE],
        [],
        ["Alue", "Tiedot", "2020", "2021"],
        ["KU430 Loimaa", "Väkiluku", 15930, 15820],
        ["KU430 Loimaa", "Työlliset", 6180, ".."],
        [],
        ["Lähde: Tilastokeskus, väestörakenne ja työssäkäynti"],
    ]
    path = workbook(tmp_path / "11ra.xlsx", {"11ra": sheet})
    code, text = import_cli(db, capsys, path)
    assert code == 0, text
    assert [row[:5] for row in _regional_rows(db)] == [
        ("Loimaa", "KU430", 2020, "employment_total", 6180.0),
        ("Loimaa", "KU430", 2020, "population", 15930.0),
        ("Loimaa", "KU430", 2021, "population", 15820.0),
    ]


CRM_MEMBERS = [
    ["Acme Oy", "1234567-1", "Yritys", "1.1.2020", "", "Jäsen"],
    ["Beta Oy", "", "Yritys", "1.3.2023", "", "Jäsen"],
    ["Gamma Ab", "", "Yritys", "1.1.2021", "30.6.2023", "Eronnut"],
    ["Delta Oy", "", "Yritys", "1.5.2022", "", "Seuraaja"],
]
CRM_HEADER = ["Yritys", "Y-tunnus", "Organisaatiotyyppi", "Liittynyt", "Eronnut", "Tila"]


def _register_2023_values(db: Path, tmp_path: Path, capsys) -> dict:
    events = workbook(tmp_path / "tapahtumat.xlsx", {"Tapahtumat": [
        ["Nimi", "Päivämäärä"], ["Vuosikokous", "15.3.2023"]]})  # fmt: skip
    assert import_cli(db, capsys, events)[0] == 0
    values = indicators(db, capsys)
    metrics = ("members_year_end", "new_members", "members_left", "retention_rate")
    return {metric: values[("ORG-1", metric, 2023)] for metric in metrics}


def test_crm_register_with_footer_notes_in_excel(tmp_path: Path, capsys) -> None:
    """A CRM's Excel member list: a title above, notes below (``Lähde: CRM, tulostettu …``
    and, after a blank row, a name-only line): the notes are listed, never members."""
    db = tmp_path / "crm.duckdb"
    sheet = [
        ["Jäsenluettelo", None, None, None, None, None],
        CRM_HEADER,
        *CRM_MEMBERS,
        [],
        ["Lähde: CRM, tulostettu 3.1.2024"],
        [],
        ["Klusteri ry:n jäsenrekisteri"],
    ]
    code, text = import_cli(db, capsys, workbook(tmp_path / "crm.xlsx", {"Export": sheet}))
    assert code == 0, text
    assert "read 4, loaded 4" in text
    assert "row 8: note line below the table skipped, not a record: 'Lähde: CRM" in text
    assert "row 10: note line below the table skipped" in text
    assert _register_2023_values(db, tmp_path, capsys) == {
        "members_year_end": 2,  # Acme, Beta; Gamma left in June, Delta only follows
        "new_members": 1,
        "members_left": 1,
        "retention_rate": 0.5,  # of Acme and Gamma on 1.1.2023, Acme stayed
    }


def test_crm_register_csv_with_source_and_print_lines(tmp_path: Path, capsys) -> None:
    """The same register as a ``;`` CSV in Windows encoding whose last lines are ``Source:``
    and ``Tulostettu`` notes directly below the data."""
    db = tmp_path / "crm.duckdb"
    lines = [";".join(CRM_HEADER), *(";".join(row) for row in CRM_MEMBERS)]
    lines += ["Source: HubSpot export;;;;;", "Tulostettu 3.1.2024 klo 10.15;;;;;"]
    path = tmp_path / "jasenet_export.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    code, text = import_cli(db, capsys, path)
    assert code == 0, text
    assert "read 4, loaded 4" in text
    assert _register_2023_values(db, tmp_path, capsys)["members_year_end"] == 2


def test_unrecognised_sheet_names_the_closest_kinds_and_their_missing_columns(
    tmp_path: Path, capsys
) -> None:
    """An unknown layout is rejected with the kinds it came closest to, what was found and
    which of their columns are missing, in Finnish and in English (SPEC 2.1)."""
    db = tmp_path / "tuntematon.duckdb"
    path = workbook(
        tmp_path / "tuntematon.xlsx",
        {
            "Taul1": [["Yrityksen nimi", "Summa", "Vuosi", "Huom"], ["Acme", "100", "2024", "x"]],
        },
    )
    code, text = import_cli(db, capsys, path)
    assert code == 1
    assert "Closest kind funding: found Summa, Vuosi; missing Rahoituslähde (source type)." in text
    # A member register's year column (REG-3 keeps employee counts per year).
    assert "Closest kind members: found Vuosi; missing Nimi (name)." in text
    names_only = workbook(
        tmp_path / "nimet.xlsx", {"Taul1": [["Yrityksen nimi", "Huom"], ["Acme", "x"]]}
    )
    code, names_text = import_cli(db, capsys, names_only)
    assert code == 1
    assert "Closest kind participants: found only Yrityksen nimi; a header row needs" in names_text
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(db)]) == 1
    fi = capsys.readouterr().out
    assert "Lähinnä laji rahoitus: löytyi Summa, Vuosi; puuttuu Rahoituslähde." in fi


def test_zoom_newer_participants_report(db: Path, tmp_path: Path, capsys) -> None:
    """Zoom's newer layout: ``Topic,ID,Duration (minutes),Start time,End time,Participants``,
    its values, a blank line, then ``Name (original name),Email,Join time,…`` with quoted
    dates, as transcribed in a public Zoom attendance processor test ("parses Zoom metadata
    followed by the participant table")."""
    lines = [
        "Topic,ID,Duration (minutes),Start time,End time,Participants",
        'Tekoälyklinikka,1,77,"09/03/2026 08:30:26 AM","09/03/2026 09:46:50 AM",3',
        "",
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest",
        'Matti Virtanen,matti@acme.fi,"09/03/2026 08:30:00 AM","09/03/2026 09:30:00 AM",60,No',
        'Liisa Laine,liisa@beta.fi,"09/03/2026 08:31:00 AM","09/03/2026 09:40:00 AM",69,No',
        'Vieras,,"09/03/2026 08:40:00 AM","09/03/2026 09:00:00 AM",20,Yes',
    ]
    path = tmp_path / "participants_1.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    code, text = import_cli(db, capsys, path)
    assert code == 0, text
    con = open_db(db)
    try:
        assert con.execute("SELECT title, date FROM v_event").fetchall() == [
            ("Tekoälyklinikka", dt.date(2026, 9, 3))
        ]
    finally:
        con.close()
    values = indicators(db, capsys)
    assert values[("ORG-4", "person_participations", 2026)] == 3
    assert values[("ORG-4", "participating_orgs", 2026)] == 2


def test_undo_removes_created_organisations_beside_unresolved_people(
    db: Path, tmp_path: Path, capsys
) -> None:
    """People without an organisation must not keep organisations alive: undoing the list
    that created Delta Oy removes it although another list holds unresolved people."""
    lyyti = lyyti_list(
        tmp_path / "lista.xlsx",
        [["Dora", "Delta", "dora@delta.fi", "Delta Oy", "Osallistunut"]],
    )
    options = ("--event-title", "Aamiainen", "--event-date", "12.10.2021")
    assert import_cli(db, capsys, lyyti, options=options)[0] == 0
    teams = teams_report(
        tmp_path / "meetingAttendanceReport.csv", "Kokous", "03/05/23, 09:58:12",
        TEAMS_PEOPLE[3:], crlf=True,
    )  # fmt: skip
    assert import_cli(db, capsys, teams)[0] == 0
    con = open_db(db)
    try:
        lyyti_import = con.execute(
            "SELECT import_id FROM import_log WHERE file_name = 'lista.xlsx'"
        ).fetchone()[0]
    finally:
        con.close()
    assert main(["imports", "--undo", str(lyyti_import), "--db", str(db)]) == 0
    con = open_db(db)
    try:
        names = [
            name for (name,) in con.execute("SELECT name FROM organisation ORDER BY 1").fetchall()
        ]
        assert names == ["Acme Oy", "Beta Oy", "Gamma Ab"]
        assert con.execute("SELECT count(*), count(org_id) FROM v_participation").fetchone() == (
            2,
            0,
        )
    finally:
        con.close()


def test_zoom_webinar_attendee_report_reads_each_section(db: Path, tmp_path: Path, capsys) -> None:
    """Hosts, panelists and attendees come in their own tables; hosts host, panelists
    speak, attendees who did not attend (``No``, ``--`` times) do not count."""
    when = '"Mar 22, 2025 7:13 PM"'
    path = zoom_webinar_report(
        tmp_path / "91695866411_AttendeeReport.csv",
        "Kiertotalouden webinaari",
        "Mar 22, 2025 7:13 PM",
        {
            "Host Details": [
                ["Yes", "Matti Virtanen", "matti.virtanen@acme.fi", when, when, "282", "No",
                 "Finland"],
            ],
            "Panelist Details": [
                ["Yes", "Liisa Laine", "liisa@beta.fi", when, when, "267", "Yes", "Finland"],
            ],
            "Attendee Details": [
                ["Yes", "Pekka K", "Pekka", "Korhonen", "pekka@gamma-ab.fi", "", when,
                 "approved", when, when, "80", "Yes", "Finland"],
                ["Yes", "Pekka K", "Pekka", "Korhonen", "pekka@gamma-ab.fi", "", when,
                 "approved", when, when, "20", "Yes", "Finland"],
                ["No", "Olli Ojala", "Olli", "Ojala", "olli@acme.fi", "", when, "approved",
                 "--", "--", "--", "Yes", "Finland"],
            ],
        },
    )  # fmt: skip
    code, text = import_cli(db, capsys, path)
    assert code == 0, text
    assert "Host Details (participants): read 1" in text
    assert "Attendee Details (participants): read 3" in text
    con = open_db(db)
    try:
        assert con.execute("SELECT title, date FROM v_event").fetchall() == [
            ("Kiertotalouden webinaari", dt.date(2025, 3, 22))
        ]
        assert con.execute(
            "SELECT role, attended, count(*) FROM v_participation GROUP BY ALL ORDER BY ALL"
        ).fetchall() == [("attendee", False, 1), ("attendee", True, 2), ("host", True, 1),
                         ("speaker", True, 1)]  # fmt: skip
    finally:
        con.close()
    values = indicators(db, capsys)
    assert values[("ORG-4", "person_participations", 2025)] == 3  # Matti, Liisa, Pekka
    assert values[("ORG-4", "participating_orgs", 2025)] == 2  # Acme, Beta; gamma-ab.fi unknown
