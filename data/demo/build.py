"""Builds the demo cluster's upload files (``python -m data.demo.build``).

Writes template-format workbooks (Finnish headers from ``data.kinds``) and ``manifest.toml``
into ``data/demo/files/``. A fixed random seed and fixed workbook metadata make every run
produce byte-identical files, so their SHA-256 (and the import log) stays stable.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from data.demo import second
from data.demo.content import (
    EVENTS,
    FUNDING,
    ILLUSTRATIVE,
    OPEN_ANSWERS,
    OUTCOMES,
    PROJECTS,
    REGIONAL,
)
from data.demo.organisations import (
    FIRST_NAMES,
    LAST_NAMES,
    MEMBERS,
    OUTSIDERS,
    STARTUP_SHARE_2023,
    TIER_FEES,
    Org,
    business_id,
)
from data.kinds import ENUM_LABEL_FI, Kind
from data.kinds import EVENTS as EVENTS_KIND
from data.kinds import FUNDING as FUNDING_KIND
from data.kinds import MEMBERS as MEMBERS_KIND
from data.kinds import OUTCOMES as OUTCOMES_KIND
from data.kinds import PARTICIPANTS as PARTICIPANTS_KIND
from data.kinds import PROJECTS as PROJECTS_KIND
from data.kinds import REGIONAL as REGIONAL_KIND
from data.survey_catalogue import BY_CODE, LIKERT_TEXT

FILES_DIR = Path(__file__).parent / "files"
SEED = 20230515  # the city board decision, 15.5.2023
FIXED_TIME = dt.datetime(2025, 12, 1, 8, 0, 0)
YEARS = (2023, 2024, 2025)

Row = dict[str, Any]

# Survey rounds: year, name, date the survey closed; every round asks SURVEY_ITEMS and OPEN_ITEMS.
SURVEYS: tuple[tuple[int, str, dt.date], ...] = (
    (2024, "Jäsenkysely 2024", dt.date(2024, 11, 29)),
    (2025, "Jäsenkysely 2025", dt.date(2025, 11, 28)),
)
SURVEY_ITEMS = ("A1", "A6", "A7", "N1", "N2", "N3", "P1", "P3", "A12")
OPEN_ITEMS = ("A2", "A3")
# Finnish answer texts by value (the catalogue lists the Finnish texts first).
LIKERT_BY_VALUE: dict[int, str] = {}
for _text, _value in LIKERT_TEXT.items():
    LIKERT_BY_VALUE.setdefault(_value, _text)


def is_member(org: Org, day: dt.date) -> bool:
    """Membership on ``day`` as SPEC 5 defines it."""
    return (
        org.status != "follower"
        and org.since is not None
        and org.since <= day
        and (org.until is None or org.until >= day)
    )


def _slug(name: str) -> str:
    text = name.lower().replace("ä", "a").replace("ö", "o").replace("å", "a")
    text = re.sub(r"\b(oy|oyj|ry)\b", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class DemoBuilder:
    """Draws the chance-dependent rows (people, attendance, answers) from one seeded generator."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.ids = self._business_ids()
        self.people = {org.name: self._staff(org.name, 3) for org in MEMBERS}
        self.people.update({name: self._staff(name, 2) for name in OUTSIDERS})

    def _business_ids(self) -> dict[str, str]:
        ids: dict[str, str] = {}
        while len(ids) < len(MEMBERS):
            candidate = business_id(self.rng.randrange(1_000_000, 3_400_000))
            if candidate and candidate not in ids.values():
                ids[MEMBERS[len(ids)].name] = candidate
        return ids

    def _staff(self, org_name: str, count: int) -> list[tuple[str, str, str]]:
        domain = f"{_slug(org_name)}.example"
        out = []
        for _ in range(count):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            email = f"{first}.{last}@{domain}".lower().replace("ä", "a").replace("ö", "o")
            out.append((first, last, email))
        return out

    # -- register ------------------------------------------------------------------------
    def members(self) -> list[Row]:
        rows = []
        for org in MEMBERS:
            rows.append(
                {
                    "name": org.name,
                    "business_id": self.ids[org.name] if org.org_type == "company" else None,
                    "org_type": ENUM_LABEL_FI["org_type"][org.org_type],
                    "size_class": ENUM_LABEL_FI["size_class"].get(org.size_class or ""),
                    "employees": org.employees,
                    "turnover_eur": org.turnover_eur,
                    "sector": org.sector,
                    "municipality": "Loimaa",
                    "tier": org.tier,
                    "status": ENUM_LABEL_FI["member_status"][org.status],
                    "member_since": org.since,
                    "member_until": org.until,
                    "governance_role": ENUM_LABEL_FI["governance_role"][org.role]
                    if org.role != "none"
                    else None,
                    "annual_fee_eur": TIER_FEES[org.tier] if org.tier else None,
                }
            )
        return rows

    # -- events and attendance -------------------------------------------------------------
    @staticmethod
    def events() -> list[Row]:
        return [
            {
                "event_id": eid,
                "title": title,
                "date": day,
                "event_type": etype,
                "format": fmt,
                "organiser": host or "Klusteri",
            }
            for eid, title, day, etype, fmt, host in EVENTS
        ]

    def _attending(self, day: dt.date, event_type: str, host: str | None) -> list[str]:
        """Organisations at one event: members by eagerness, some followers and outsiders."""
        if event_type == "ohjausryhmän kokous":
            return [o.name for o in MEMBERS if is_member(o, day) and o.role != "none"]
        names = [
            o.name
            for o in MEMBERS
            if (is_member(o, day) or o.status == "follower")
            and self.rng.random() < o.activity * (0.9 if o.founder else 0.8)
        ]
        names += [name for name in OUTSIDERS if self.rng.random() < 0.12]
        if host and host not in names:
            names.insert(0, host)
        return names

    def participants(self) -> list[Row]:
        rows: list[Row] = []
        for eid, _title, day, etype, _fmt, host in EVENTS:
            for org in self._attending(day, etype, host):
                staff = self.people[org]
                for first, last, email in staff[: 1 + (self.rng.random() < 0.3)]:
                    role = "osallistuja"
                    if org == host:
                        role = "isäntä"
                    elif etype in ("seminaari", "työpaja", "koulutus") and self.rng.random() < 0.1:
                        role = "puhuja"
                    rows.append(
                        {
                            "event_id": eid,
                            "organisation": org,
                            "business_id": self.ids.get(org) if self.rng.random() < 0.5 else None,
                            "first_name": first,
                            "last_name": last,
                            "email": email,
                            "role": role,
                            "attended": "ei" if self.rng.random() < 0.07 else "kyllä",
                        }
                    )
        # One registration entered twice (the same person at the same event).
        duplicate = next(
            r for r in rows if r["event_id"] == "T-2024-04" and r["attended"] == "kyllä"
        )
        rows.insert(rows.index(duplicate) + 1, dict(duplicate))
        return rows

    # -- funding ---------------------------------------------------------------------------
    @staticmethod
    def funding() -> list[Row]:
        """2023: the founding companies' start-up share; from 2024 fees by tier; other sources."""
        founders = [o for o in MEMBERS if o.founder]
        rows: list[Row] = [
            {
                "year": 2023,
                "source_type": "jäsenmaksu",
                "amount_eur": STARTUP_SHARE_2023 * len(founders),
                "payer": f"Perustajayritykset ({len(founders)} yritystä)",
                "status": "maksettu",
                "note": "Käynnistysvaiheen yritysosuus",
            }
        ]
        for year in YEARS[1:]:
            for tier, fee in TIER_FEES.items():
                payers = [
                    o
                    for o in MEMBERS
                    if o.tier == tier
                    and o.since
                    and o.since.year <= year
                    and (o.until is None or o.until.year >= year)
                ]
                if fee and payers:
                    rows.append(
                        {
                            "year": year,
                            "source_type": "jäsenmaksu",
                            "amount_eur": fee * len(payers),
                            "payer": f"Jäsenet, {tier} ({len(payers)})",
                            "status": "maksettu"
                            if year < 2025 or tier != "Pienyritys"
                            else "sitoumus",
                        }
                    )
        rows += [
            {"year": y, "source_type": s, "amount_eur": a, "payer": p, "status": st, "note": n}
            for y, s, a, p, st, n in FUNDING
        ]
        return rows

    @staticmethod
    def projects() -> list[Row]:
        return [dict(p) for p in PROJECTS]

    @staticmethod
    def outcomes() -> list[Row]:
        return [
            {
                "date": d,
                "outcome_type": kind,
                "title": title,
                "organisations": orgs or None,
                "amount_eur": amount,
                "jobs": jobs,
                "country": country,
                "attribution": attr,
                "consent_to_publish": consent,
                "description": description,
            }
            for d, kind, title, orgs, amount, jobs, country, attr, consent, description in OUTCOMES
        ]

    @staticmethod
    def regional() -> list[Row]:
        return [
            {
                "region": "Loimaa",
                "year": year,
                "measure": measure,
                "value": value,
                "unit": unit,
                "source": ILLUSTRATIVE,
            }
            for measure, (unit, series) in REGIONAL.items()
            for year, value in series.items()
        ]

    # -- surveys ---------------------------------------------------------------------------
    def survey(self, year: int, closed: dt.date) -> tuple[list[str], list[list[Any]], int]:
        """A raw export: headers, one row per respondent, and the number invited."""
        invited_orgs = [o for o in MEMBERS if is_member(o, closed)]
        respondents = [o for o in invited_orgs if self.rng.random() < 0.45 + 0.4 * o.activity]
        as_text = year == 2024  # Webropol text export in 2024, numbers in 2025
        headers = ["Vastausaika", "Organisaatio", "Organisaatiotyyppi"]
        headers += [f"{code}. {BY_CODE[code].text_fi}" for code in SURVEY_ITEMS + OPEN_ITEMS]
        rows = []
        for number, org in enumerate(respondents):
            stamp = dt.datetime.combine(closed, dt.time(9)) - dt.timedelta(hours=7 * number)
            row: list[Any] = [stamp, org.name, ENUM_LABEL_FI["org_type"][org.org_type]]
            for code in SURVEY_ITEMS:
                row.append(self._answer(code, org, year, as_text))
            for code in OPEN_ITEMS:
                row.append(self.rng.choice(OPEN_ANSWERS[code]) if self.rng.random() < 0.3 else None)
            rows.append(row)
        return headers, rows, len(invited_orgs)

    def _answer(self, code: str, org: Org, year: int, as_text: bool) -> Any:
        if code == "A12":  # yes/no, asked of companies; new in 2024, few answered
            if org.org_type != "company" or (year == 2024 and self.rng.random() < 0.8):
                return None
            return "Kyllä" if self.rng.random() < 0.35 + 0.3 * org.activity else "Ei"
        if self.rng.random() < 0.06:
            return "en osaa sanoa"
        lift = 0.3 if year == 2025 else 0.0
        value = round(min(5.0, max(1.0, self.rng.gauss(3.2 + org.activity + lift, 0.8))))
        return LIKERT_BY_VALUE[value] if as_text else value


# -- writing ---------------------------------------------------------------------------------
def _workbook(path: Path) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(str(path), {"default_date_format": "d.m.yyyy"})
    book.set_properties(
        {"title": "Klusterimittari demo", "author": "Klusterimittari", "created": FIXED_TIME}
    )
    return book


def _write_table(
    book: xlsxwriter.Workbook,
    sheet_name: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    sheet = book.add_worksheet(sheet_name)
    bold = book.add_format({"bold": True})
    stamp = book.add_format({"num_format": "d.m.yyyy h:mm"})
    sheet.write_row(0, 0, headers, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, stamp)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()))
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    sheet.set_column(0, len(headers) - 1, 18)
    sheet.freeze_panes(1, 0)


def write_kind(path: Path, kind: Kind, rows: list[Row]) -> None:
    """One template-format workbook: the kind's sheet with the Finnish headers of used columns."""
    columns = [c for c in kind.columns if any(row.get(c.name) is not None for row in rows)]
    book = _workbook(path)
    _write_table(
        book,
        kind.template_sheet,
        [c.header_fi for c in columns],
        ([row.get(c.name) for c in columns] for row in rows),
    )
    book.close()


def _toml_value(value: object) -> str:
    return str(value) if isinstance(value, int) else '"' + str(value).replace('"', '\\"') + '"'


def _write_manifest(out_dir: Path, manifest: list[dict[str, Any]]) -> None:
    lines = [
        "# Demo cluster files in import order, with their import options.",
        "# Generated by `python -m data.demo.build`; do not edit by hand.",
        "",
    ]
    for entry in manifest:
        lines.append("[[file]]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in entry.items()]
        lines.append("")
    (out_dir / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")


def build_second(out_dir: Path = FILES_DIR / second.CLUSTER_ID) -> list[dict[str, Any]]:
    """Write the second demo cluster's files and manifest (``data.demo.second``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for file_name, kind, rows in (
        ("jasenet.xlsx", MEMBERS_KIND, second.members()),
        ("tapahtumat.xlsx", EVENTS_KIND, second.events()),
        ("osallistujat.xlsx", PARTICIPANTS_KIND, second.participants()),
        ("rahoitus.xlsx", FUNDING_KIND, second.funding()),
        ("tulokset.xlsx", OUTCOMES_KIND, second.outcomes()),
    ):
        write_kind(out_dir / file_name, kind, rows)
        manifest.append({"file": file_name})
    _write_manifest(out_dir, manifest)
    return manifest


def build(out_dir: Path = FILES_DIR, seed: int = SEED) -> list[dict[str, Any]]:
    """Write every demo file and the manifest; return the manifest entries in import order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    builder = DemoBuilder(seed)
    manifest: list[dict[str, Any]] = []
    for file_name, kind, rows in (
        ("jasenrekisteri.xlsx", MEMBERS_KIND, builder.members()),
        ("tapahtumat_2023-2025.xlsx", EVENTS_KIND, builder.events()),
        ("osallistujat_2023-2025.xlsx", PARTICIPANTS_KIND, builder.participants()),
        ("rahoitus_2023-2025.xlsx", FUNDING_KIND, builder.funding()),
        ("hankkeet.xlsx", PROJECTS_KIND, builder.projects()),
        ("menestystarinat.xlsx", OUTCOMES_KIND, builder.outcomes()),
        ("aluetilastot_loimaa.xlsx", REGIONAL_KIND, builder.regional()),
    ):
        write_kind(out_dir / file_name, kind, rows)
        manifest.append({"file": file_name})
    for year, name, closed in SURVEYS:
        headers, rows, invited = builder.survey(year, closed)
        file_name = f"jasenkysely_{year}.xlsx"
        book = _workbook(out_dir / file_name)
        _write_table(book, "Vastaukset", headers, rows)
        book.close()
        manifest.append(
            {
                "file": file_name,
                "kind": "survey",
                "survey_name": name,
                "survey_year": year,
                "invited": invited,
            }
        )
    _write_manifest(out_dir, manifest)
    return manifest


if __name__ == "__main__":
    for item in build() + build_second():
        print(item["file"])
