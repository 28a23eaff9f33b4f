"""Realistic large input workbooks, written with xlsxwriter in constant-memory mode.

The files look like a cluster's real exports: Finnish headers, a title row above the header,
Y-tunnus with valid check digits, Likert answers as text, dates as date cells. The same
seed gives the same file, so timings compare like with like.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import xlsxwriter

from data.kinds import ENUM_LABEL_FI, MEMBERS, PARTICIPANTS
from data.survey_catalogue import CATALOGUE

ORG_TYPES = ("company",) * 6 + ("rdi", "public", "education", "third_sector", "financier")
FIRST_NAMES = (
    "Aino",
    "Eero",
    "Helmi",
    "Juha",
    "Kaisa",
    "Lauri",
    "Minna",
    "Olli",
    "Pirjo",
    "Sami",
    "Tiina",
    "Ville",
    "Åsa",
    "Jyrki",
    "Leena",
    "Markku",
)
LAST_NAMES = (
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Salminen",
    "Öhman",
    "Laine",
)
LIKERT = (
    "täysin eri mieltä",
    "jokseenkin eri mieltä",
    "ei samaa eikä eri mieltä",
    "jokseenkin samaa mieltä",
    "täysin samaa mieltä",
    "en osaa sanoa",
    None,
)
EVENT_TITLES = (
    "Aamukahvit",
    "Työpaja",
    "Webinaari",
    "Yritysvierailu",
    "Törmäytystilaisuus",
    "Seminaari",
    "Leirinuotio",
    "Infotilaisuus",
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id(index: int) -> str:
    """A valid, distinct Y-tunnus for organisation ``index`` (check digit per the standard)."""
    base = 2_000_000 + index * 7
    while True:
        digits = f"{base:07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS)) % 11
        if remainder != 1:
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        base += 1


def org_name(index: int) -> str:
    return f"{LAST_NAMES[index % len(LAST_NAMES)]} Tekniikka {index:05d} Oy"


def event_title(index: int) -> str:
    return f"{EVENT_TITLES[index % len(EVENT_TITLES)]} {index + 1}"


def event_date(index: int, events: int, first_year: int = 2022, years: int = 4) -> dt.date:
    """Events spread evenly over ``years`` whole years from ``first_year``."""
    span = (dt.date(first_year + years, 1, 1) - dt.date(first_year, 1, 1)).days
    return dt.date(first_year, 1, 1) + dt.timedelta(days=index * span // max(events, 1))


class _Sheet:
    """A worksheet written row by row (constant memory) under a title row."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, title: str, header: list[str]):
        self.ws = book.add_worksheet(name)
        self.date_format = book.add_format({"num_format": "d.m.yyyy"})
        self.ws.write_string(0, 0, title)
        self.ws.write_row(2, 0, header)
        self.row = 3

    def write(self, values: list[object]) -> None:
        for col, value in enumerate(values):
            if isinstance(value, dt.date):
                self.ws.write_datetime(self.row, col, value, self.date_format)
            elif value is not None:
                self.ws.write(self.row, col, value)
        self.row += 1


def _book(path: Path) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(str(path), {"constant_memory": True})


def members_workbook(path: Path, orgs: int, seed: int = 1) -> Path:
    """A member register of ``orgs`` organisations (sheet Jäsenet, all 14 columns)."""
    rng = random.Random(seed)
    header = [c.header_fi for c in MEMBERS.columns]
    labels = ENUM_LABEL_FI
    with _book(path) as book:
        sheet = _Sheet(book, "Jäsenet", "Jäsenrekisteri – ote jäsenjärjestelmästä", header)
        for i in range(orgs):
            org_type = ORG_TYPES[i % len(ORG_TYPES)]
            since = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
            left = since + dt.timedelta(days=rng.randrange(400, 3000)) if i % 9 == 0 else None
            status = "former" if left else ("follower" if i % 13 == 0 else "member")
            employees = rng.choice((3, 8, 25, 60, 140, 400)) if org_type == "company" else None
            sheet.write(
                [
                    org_name(i),
                    business_id(i),
                    labels["org_type"][org_type],
                    labels["size_class"][rng.choice(("micro", "small", "medium", "large"))],
                    employees,
                    rng.randrange(50_000, 90_000_000) if employees else None,
                    "28 Koneiden valmistus",
                    rng.choice(("Loimaa", "Turku", "Salo", "Forssa")),
                    rng.choice(("Perusjäsen", "Kumppani", "Strateginen")),
                    labels["member_status"][status],
                    since,
                    left,
                    labels["governance_role"]["board" if i % 50 == 0 else "none"],
                    rng.choice((500, 1500, 3000)),
                ]
            )
    return path


def attendance_workbook(
    path: Path, rows: int, events: int = 300, orgs: int = 10_000, seed: int = 2
) -> Path:
    """An attendance history of ``rows`` person rows over ``events`` events (sheet
    Osallistujat); events are named by title and date and created by the import."""
    rng = random.Random(seed)
    columns = (
        "event_title",
        "event_date",
        "organisation",
        "business_id",
        "first_name",
        "last_name",
        "email",
        "role",
        "attended",
    )
    header = [PARTICIPANTS.column(c).header_fi for c in columns]
    header[0] = "Tapahtuman nimi"  # "Tapahtuma" and "Nimi" headers are shared with other kinds
    roles = ENUM_LABEL_FI["participant_role"]
    with _book(path) as book:
        sheet = _Sheet(book, "Osallistujat", "Osallistujalistat 2022–2025", header)
        for _ in range(rows):
            event = rng.randrange(events)
            org = rng.randrange(orgs)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            person = rng.randrange(5)
            sheet.write(
                [
                    event_title(event),
                    event_date(event, events),
                    org_name(org),
                    business_id(org),
                    first,
                    last,
                    f"{first}.{last}{person}@org{org}.fi".lower(),
                    roles["speaker" if rng.random() < 0.03 else "attendee"],
                    "ei" if rng.random() < 0.08 else "kyllä",
                ]
            )
    return path


def survey_workbook(path: Path, respondents: int, columns: int = 40, seed: int = 3) -> Path:
    """A raw survey export of ``respondents`` rows and ``columns`` (> 21) columns: respondent
    id, every catalogue item (Likert as text), background columns, and further questions of
    the cluster's own that are not in the catalogue."""
    rng = random.Random(seed)
    items = [f"{item.code}. {item.text_fi}" for item in CATALOGUE]
    background = ["Organisaatio", "Organisaatiotyyppi", "Kokoluokka", "Vastausaika"]
    extra = [f"K{n}. Oma lisäkysymys {n}" for n in range(1, columns - len(items) - len(background))]
    header = ["Vastaajan tunniste", *items, *background, *extra]
    scales = [item.scale for item in CATALOGUE]
    with _book(path) as book:
        sheet = _Sheet(book, "Vastaukset", "Jäsenkysely – Webropol-raportti", header)
        for r in range(respondents):
            answers: list[object] = []
            for scale in scales:
                if scale == "likert5":
                    answers.append(rng.choice(LIKERT))
                elif scale == "yesno":
                    answers.append(rng.choice(("kyllä", "ei", None)))
                else:
                    answers.append(rng.choice((None, None, "Lisää yritysvierailuja, kiitos.")))
            org = rng.randrange(10_000)
            submitted = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(30))
            sheet.write(
                [
                    f"R{r + 1:06d}",
                    *answers,
                    org_name(org),
                    ENUM_LABEL_FI["org_type"][ORG_TYPES[org % len(ORG_TYPES)]],
                    ENUM_LABEL_FI["size_class"]["small"],
                    submitted,
                    *(rng.choice(LIKERT) for _ in extra),
                ]
            )
    return path


def sized_attendance_workbook(path: Path, target_bytes: int, seed: int = 4) -> Path:
    """An attendance workbook of about ``target_bytes``: the row count comes from the size
    per row of a sample written first."""
    sample_rows = 20_000
    attendance_workbook(path, sample_rows, seed=seed)
    per_row = path.stat().st_size / sample_rows
    return attendance_workbook(path, int(target_bytes / per_row), seed=seed)
