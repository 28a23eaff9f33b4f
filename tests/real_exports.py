"""Files laid out byte for byte as the tools write them (SPEC 2.1), for the real-export tests.

Each builder says which public sample its layout follows. People, e-mails and organisations
are made up; the layout (sections, headers, encodings, separators, quoting, line ends, date
forms) is the tool's.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
from pathlib import Path

from cli.main import main
from tests.import_helpers import workbook


def teams_report(path: Path, title: str, start: str, people: list[tuple], *, crlf: bool) -> Path:
    """A Microsoft Teams meeting attendance report: UTF-16 LE with a byte order mark, tab-
    separated although named .csv, sections ``1. Summary``, ``2. Participants`` and ``3.
    In-Meeting activities``.

    Layout as in GitHub dvaneynde/teams-attendance ``data/IDL-15-11-22.csv`` (README: "Files
    from Teams are in UTF-16"; dates ``15/11/22, 09:30:17``, LF line ends) and the transcribed
    US export in a public Teams attendance parser test (``7/22/26, 7:00:11 PM``, CRLF line
    ends, names like ``Antti Tepponen (External)``). ``people`` are (name, first join, last
    leave, duration, e-mail, role); a person listed twice in the activities section rejoined.
    """
    lines = [
        "1. Summary",
        f"Meeting title\t{title}",
        f"Attended participants\t{len(people)}",
        f"Start time\t{start}",
        f"End time\t{start}",
        "Meeting duration\t58m 8s",
        "Average attendance time\t51m 2s",
        "",
        "2. Participants",
        "Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tParticipant ID (UPN)\tRole",
    ]
    lines += [f"{n}\t{a}\t{b}\t{d}\t{e}\t{e}\t{r}" for n, a, b, d, e, r in people]
    lines += ["", "3. In-Meeting activities", "Name\tJoin time\tLeave time\tDuration\tEmail\tRole"]
    lines += [f"{n}\t{a}\t{b}\t{d}\t{e}\t{r}" for n, a, b, d, e, r in people + people[:1]]
    text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path


def teams_legacy_list(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """The older single-table Teams attendance list: ``Full Name``, ``User Action``,
    ``Timestamp`` (Joined / Joined before / Left), UTF-16 with a BOM, tab-separated.

    Layout as read by public scripts that open it with ``encoding='utf16'`` and split the
    header ``Full Name\\tUser Action\\tTimestamp``, timestamps ``%m/%d/%Y %H:%M:%S %p``.
    """
    lines = ["Full Name\tUser Action\tTimestamp", *("\t".join(row) for row in rows)]
    path.write_bytes(codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    return path


# Six respondents' answers to A6 and N1, hand-scored: A6 5, 4, 4, 3, 5, no answer (n 5, mean
# 4.2, agree 4/5); N1 4, 4, 2, none, 5, 4 (n 5, mean 3.8, agree 4/5).
A6_FI = "Klusterin toiminta palvelee organisaatiotamme."
N1_FI = "Jäsenet luottavat toisiinsa."
FORMS_ANSWERS = [  # organisation, A6, N1
    ("Acme Oy", "Täysin samaa mieltä", "Jokseenkin samaa mieltä"),
    ("Beta Oy", "Jokseenkin samaa mieltä", "Jokseenkin samaa mieltä"),
    ("", "Jokseenkin samaa mieltä", "Jokseenkin eri mieltä"),
    ("Gamma Ab", "Ei samaa eikä eri mieltä", None),
    ("", "Täysin samaa mieltä", "Täysin samaa mieltä"),
    ("Delta", "En osaa sanoa", "Jokseenkin samaa mieltä"),
]


def forms_excel(folder: Path) -> Path:
    """A Microsoft Forms "Open in Excel" export of a 2023 survey, ``FORMS_ANSWERS``: ``ID``,
    ``Start time``, ``Completion time``, ``Email``, ``Name``, ``Last modified time``, then one
    column per question; times are date cells; a multiple choice answer is ``;``-separated and
    ``;``-terminated; the file is named ``<form>(1-<responses>).xlsx``, its sheet ``Sheet1``.
    Columns as dropped by public scripts that clean Forms exports
    (``"ID","Start time","Completion time","Email","Name"``).
    """
    when = dt.datetime(2023, 11, 20, 9, 15, 22)
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              "Organisaationne nimi", "Mihin toimintaan osallistuitte?", A6_FI, N1_FI]  # fmt: skip
    rows = [
        [i, when, when + dt.timedelta(minutes=3), "anonymous", None, None, org,
         "Seminaarit;Työpajat;", a6, n1]
        for i, (org, a6, n1) in enumerate(FORMS_ANSWERS, start=1)
    ]  # fmt: skip
    return workbook(folder / "Klusterikysely 2023(1-6).xlsx", {"Sheet1": [header, *rows]})


def indicators(db: Path, capsys) -> dict[tuple[str, str, int], object]:
    """``klusterimittari indicators --format json``: (code, metric, year) -> value."""
    capsys.readouterr()
    assert main(["indicators", "--db", str(db), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    return {(r["code"], r["metric"], r["year"]): r["value"] for r in records}


def import_cli(db: Path, capsys, *files: Path, options: tuple[str, ...] = ()) -> tuple[int, str]:
    """``klusterimittari import`` in English; (exit code, report)."""
    capsys.readouterr()
    code = main(["import", *map(str, files), "--db", str(db), "--lang", "en", *options])
    return code, capsys.readouterr().out


def zoom_participants(path: Path, topic: str, start: str, rows: list[tuple]) -> Path:
    """A Zoom meeting participants report: the meeting block (``Meeting ID``, ``Topic``,
    ``Start Time`` …) and its values, a separator row of commas, then ``Name (Original
    Name)``, ``User Email``, ``Join Time``, ``Leave Time``, ``Duration (Minutes)``, ``Guest``,
    ``Recording Consent``; UTF-8 without BOM, comma-separated, US dates with AM/PM; a person
    who rejoins has several rows.

    Layout as in GitHub Lightbridge-KS/zoomclass ``inst/extdata/participants_heroes_full.csv``.
    ``rows`` are (name, e-mail, join, leave, minutes, guest, consent).
    """
    lines = [
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
        f"60245167821,{topic},{start},{start},host@acme.fi,120,{len(rows)}",
        ",,,,,,",
        (
            "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
            "Recording Consent"
        ),
        *(",".join(row) for row in rows),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


# The attendee report columns of Eventbrite, in order, as in the public converter eb2ez's
# "Example Input Format (Eventbrite CSV)" (IEEE CNSV), custom questions included.
EVENTBRITE_HEADER = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,"
    "Group,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,"
    "Eventbrite Payment Processing,Attendee Status,Home Address 1,Home Address 2,Home City,"
    "Home State,Home Zip,Home Country,How did you hear about this event?,Job Title,Company"
)


def eventbrite_attendees(
    path: Path, rows: list[tuple[str, ...]], header: str = EVENTBRITE_HEADER
) -> Path:
    """An Eventbrite attendee report CSV: UTF-8, comma-separated, ``Order Date`` like
    ``11/29/24 22:28`` (the order, not the event), ``Attendee Status`` and the custom
    question ``Company``. ``rows`` are (order date, first, last, e-mail, status, company)."""
    lines = [header]
    for number, (ordered, first, last, email, status, company) in enumerate(rows, start=1):
        lines.append(
            f"112119{number:05d},{ordered},{first},{last},{email},1,,General Admission,"
            f"18441{number:06d},,Free Order,EUR,0,0,0,0,{status},,,,,,,Newsletter,,{company}"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def zoom_webinar_report(path: Path, topic: str, start: str, sections: dict[str, list]) -> Path:
    """A Zoom webinar attendee report: ``Attendee Report``, ``Report Generated:``, the webinar
    block (``Topic``, ``Webinar ID``, ``Actual Start Time`` …), then ``Host Details``,
    ``Panelist Details`` and ``Attendee Details``, each title followed by its own header (the
    attendees' with ``First Name``, ``Last Name``, ``Phone``, ``Registration Time``,
    ``Approval Status``); every line padded with commas to the widest one; quoted dates like
    ``"Mar 22, 2025 7:13 PM"``. Layout as in a public sample transcribed in a Zoom webinar CSV
    preprocessor ("Attendee Report,,,,,,,,,,,,,", "Host Details,,,,,,,,,,,,,") and in
    public synthetic attendee-report fixtures. ``sections`` maps a title to rows of cells."""
    host = ("Attended,User Name (Original Name),Email,Join Time,Leave Time,"
            "Time in Session (minutes),Is Guest,Country/Region Name")  # fmt: skip
    attendee = ("Attended,User Name (Original Name),First Name,Last Name,Email,Phone,"
                "Registration Time,Approval Status,Join Time,Leave Time,"
                "Time in Session (minutes),Is Guest,Country/Region Name")  # fmt: skip
    lines = [
        "Attendee Report",
        'Report Generated:,"Mar 23, 2025 6:26 PM"',
        "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,Unique Viewers",
        f'{topic},847 5984 1045,"{start}",282,30,12',
    ]
    for title, rows in sections.items():
        lines += [f"{title}", attendee if title == "Attendee Details" else host]
        lines += [",".join(row) for row in rows]
    fields = [len(next(csv.reader([line]))) for line in lines]
    padded = [line + "," * (max(fields) - count) for line, count in zip(lines, fields)]
    path.write_bytes(("\r\n".join(padded) + "\r\n").encode("utf-8"))
    return path
