"""A second demo cluster beside Loimaa's (a fictional food cluster, 2024-2025), so a city or
region with several clusters sees them side by side (DOMAIN 2.10: Vantaa runs three).

Smaller and younger than the first: twelve members, ten events, funding from the city and the
members with an EU project only committed, four logged outcomes and no survey (which the
comparison must show as such, not as zero). Fixed rows written by hand; built into
``files/ruoka/`` by ``python -m data.demo.build``.
"""

from __future__ import annotations

import datetime as dt

D = dt.date

CLUSTER_ID = "ruoka"
PROFILE = {
    "name": "Vakka-Suomen ruokaklusteri (demo)",
    "org_form": "contract_based",
    "staff_fte": 0.3,
    "strategic_priorities": ["Lähiruoan jalostus ja vienti"],
    "tiers": ["Jäsen"],
    "region": "Uusikaupunki",
}

# name, org type (Finnish), employees, member since
MEMBERS: tuple[tuple[str, str, int | None, dt.date], ...] = (
    ("Vakan Mylly Oy", "yritys", 42, D(2024, 2, 1)),
    ("Kalanjalostamo Merikarvia Oy", "yritys", 18, D(2024, 2, 1)),
    ("Uudenkaupungin Leipomo Oy", "yritys", 65, D(2024, 2, 1)),
    ("Laitilan Juustola Oy", "yritys", 120, D(2024, 2, 1)),
    ("Pyhärannan Marjatila Ay", "yritys", 6, D(2024, 3, 15)),
    ("Kustavin Savustamo Oy", "yritys", 9, D(2024, 5, 1)),
    ("Taivassalon Vihannes Oy", "yritys", 24, D(2024, 9, 1)),
    ("Mynämäen Meijeri Oy", "yritys", 88, D(2025, 1, 10)),
    ("Rauman Pakkaus Oy", "yritys", None, D(2025, 3, 1)),
    ("Vehmaan Hunaja Tmi", "yritys", 2, D(2025, 4, 1)),
    ("Ruokaosaamisen tutkimuskeskus", "tki", None, D(2024, 2, 1)),
    ("Uudenkaupungin kaupunki", "kaupunki", None, D(2024, 2, 1)),
)

# event_id, title, date, event type (Finnish)
EVENTS: tuple[tuple[str, str, dt.date, str], ...] = (
    ("R-2024-01", "Ruokaklusterin aloitustilaisuus", D(2024, 2, 20), "seminaari"),
    ("R-2024-02", "Vientiaamu: Ruotsin markkinat", D(2024, 4, 18), "aamukahvi"),
    ("R-2024-03", "Pakkausmateriaalien työpaja", D(2024, 9, 12), "työpaja"),
    ("R-2024-04", "Yritysvierailu Laitilan Juustolaan", D(2024, 11, 7), "yritysvierailu"),
    ("R-2025-01", "Ruokamatkailun törmäytys", D(2025, 2, 13), "törmäytystilaisuus"),
    ("R-2025-02", "Elintarviketurvallisuuden koulutus", D(2025, 3, 20), "koulutus"),
    ("R-2025-03", "Vientiaamu: Baltian markkinat", D(2025, 5, 8), "aamukahvi"),
    ("R-2025-04", "Sivuvirtojen työpaja", D(2025, 8, 28), "työpaja"),
    ("R-2025-05", "Messumatka Helsinkiin", D(2025, 10, 2), "messut"),
    ("R-2025-06", "Vuoden päätösseminaari", D(2025, 11, 27), "seminaari"),
)

FIRST_NAMES = ("Aino", "Eero", "Helmi", "Juho", "Kaisa", "Lauri", "Minna", "Olli", "Pia", "Sami")
LAST_NAMES = ("Aalto", "Heikkilä", "Jokinen", "Koski", "Laine", "Mäkinen", "Niemi", "Salo")

# year, source type, amount, payer, status
FUNDING: tuple[tuple[int, str, float, str, str], ...] = (
    (2024, "kaupungin perusrahoitus", 8_000, "Uudenkaupungin kaupunki", "maksettu"),
    (2024, "jäsenmaksu", 4_500, "Jäsenyritykset (9)", "maksettu"),
    (2025, "kaupungin perusrahoitus", 8_000, "Uudenkaupungin kaupunki", "maksettu"),
    (2025, "jäsenmaksu", 6_000, "Jäsenyritykset (12)", "maksettu"),
    (2025, "EU-hanke", 20_000, "Varsinais-Suomen liitto", "sitoumus"),
)

# date, outcome type (Finnish), title, organisations, amount, publish
OUTCOMES: tuple[tuple[dt.date, str, str, str, float | None, bool], ...] = (
    (
        D(2024, 6, 5),
        "uusi kumppanuus",
        "Mylly ja leipomo sopivat paikallisen viljan toimituksista",
        "Vakan Mylly Oy; Uudenkaupungin Leipomo Oy",
        None,
        True,
    ),
    (
        D(2025, 3, 3),
        "uusi tuote tai palvelu",
        "Savustettu silakkasäilyke lähikaupan valikoimiin",
        "Kustavin Savustamo Oy",
        None,
        True,
    ),
    (
        D(2025, 6, 16),
        "vientikauppa",
        "Juustolan ensimmäinen vientierä Viroon",
        "Laitilan Juustola Oy",
        180_000,
        False,
    ),
    (
        D(2025, 9, 22),
        "pilotti",
        "Sivuvirtajauhon koe-erä tutkimuskeskuksen kanssa",
        "Vakan Mylly Oy; Ruokaosaamisen tutkimuskeskus",
        None,
        True,
    ),
)


def members() -> list[dict]:
    return [
        {
            "name": name,
            "org_type": org_type,
            "employees": employees,
            "municipality": PROFILE["region"],
            "tier": "Jäsen",
            "status": "jäsen",
            "member_since": since,
        }
        for name, org_type, employees, since in MEMBERS
    ]


def events() -> list[dict]:
    return [
        {"event_id": eid, "title": title, "date": day, "event_type": etype, "organiser": "Klusteri"}
        for eid, title, day, etype in EVENTS
    ]


def participants() -> list[dict]:
    """Every member that had joined comes to two events of three; larger firms send two."""
    rows = []
    for e, (eid, _title, day, _etype) in enumerate(EVENTS):
        for m, (name, _type, employees, since) in enumerate(MEMBERS):
            if since > day or (e + m) % 3 == 0:
                continue
            for person in range(1 + ((employees or 0) >= 50)):
                first = FIRST_NAMES[(m + person) % len(FIRST_NAMES)]
                last = LAST_NAMES[(m * 3 + person) % len(LAST_NAMES)]
                rows.append(
                    {
                        "event_id": eid,
                        "organisation": name,
                        "first_name": first,
                        "last_name": last,
                        "email": f"{first}.{last}.{m}@ruoka.example".lower()
                        .replace("ä", "a")
                        .replace("ö", "o"),
                    }
                )
    return rows


def funding() -> list[dict]:
    return [
        {"year": y, "source_type": s, "amount_eur": a, "payer": p, "status": st}
        for y, s, a, p, st in FUNDING
    ]


def outcomes() -> list[dict]:
    return [
        {
            "date": day,
            "outcome_type": kind,
            "title": title,
            "organisations": orgs,
            "amount_eur": amount,
            "consent_to_publish": "kyllä" if publish else "ei",
        }
        for day, kind, title, orgs, amount, publish in OUTCOMES
    ]
