"""The fictional organisations of the demo cluster: its member register and a few outsiders.

A Loimaa-like technology cluster founded after the city board decision of 15.5.2023 with about
ten companies, growing to some forty organisations by 2025. Every name, business ID and person
is invented; business IDs are generated with a valid check digit.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date

# Tiers by role and size (LOI:14) and their annual fees from 2024; 2023 was a flat start-up share.
TIER_FEES: dict[str, int] = {
    "Veturiyritys": 2500,
    "Perusjäsen": 1000,
    "Pienyritys": 400,
    "Kumppani": 0,
    "Yhdistysjäsen": 200,
}
STARTUP_SHARE_2023 = 1500


@dataclass(frozen=True)
class Org:
    """One register row; ``activity`` (0-1) is how eagerly the organisation takes part."""

    name: str
    org_type: str
    size_class: str | None
    employees: int | None
    turnover_eur: int | None
    sector: str | None
    tier: str | None
    since: dt.date | None
    until: dt.date | None = None
    status: str = "member"
    role: str = "none"
    activity: float = 0.4
    founder: bool = False


MACHINERY = "28 Koneiden ja laitteiden valmistus"
METAL = "25 Metallituotteiden valmistus"
ELECTRICAL = "27 Sähkölaitteiden valmistus"
PLASTICS = "22 Kumi- ja muovituotteiden valmistus"
SOFTWARE = "62 Ohjelmistot ja IT-palvelut"
ENGINEERING = "71 Arkkitehti- ja insinööripalvelut"
LOGISTICS = "49 Maaliikenne"
STAFFING = "78 Työllistämistoiminta"

_START = D(2023, 6, 1)

MEMBERS: tuple[Org, ...] = (
    # Founding companies (2023): the international anchors and a few smaller ones.
    Org("Loimijoen Konepaja Oy", "company", "large", 420, 86_000_000, MACHINERY, "Veturiyritys",
        _START, role="board", activity=0.9, founder=True),
    Org("Hirvikosken Hydrauliikka Oy", "company", "large", 310, 64_000_000, MACHINERY,
        "Veturiyritys", _START, role="board", activity=0.85, founder=True),
    Org("Kojonkulman Teräs Oyj", "company", "large", 280, 71_000_000, METAL, "Veturiyritys",
        _START, role="board", activity=0.7, founder=True),
    Org("Vesikosken Valimo Oy", "company", "large", 260, 48_000_000, METAL, "Veturiyritys",
        _START, role="steering_group", activity=0.6, founder=True),
    Org("Niinijoen Sähkötekniikka Oy", "company", "medium", 190, 33_000_000, ELECTRICAL,
        "Veturiyritys", _START, role="board", activity=0.75, founder=True),
    Org("Alastaron Automaatio Oy", "company", "medium", 120, 22_000_000, ELECTRICAL, "Perusjäsen",
        _START, role="section_chair", activity=0.8, founder=True),
    Org("Mellilän Muovitekniikka Oy", "company", "medium", 95, 21_000_000, PLASTICS, "Perusjäsen",
        _START, activity=0.45, founder=True),
    Org("Loimaan Levytyö Oy", "company", "medium", 70, 12_500_000, METAL, "Perusjäsen", _START,
        activity=0.5, founder=True),
    Org("Kurjenmäen Koneistus Oy", "company", "small", 38, 5_200_000, MACHINERY, "Pienyritys",
        _START, activity=0.35, founder=True),
    Org("Tekniikkatalo Virta Oy", "company", "small", 22, 2_900_000, ENGINEERING, "Pienyritys",
        _START, activity=0.55, founder=True),
    # Public, RDI and education partners.
    Org("Loimaan kaupunki", "public", None, None, None, "84 Julkinen hallinto", "Kumppani",
        D(2023, 5, 15), role="steering_group", activity=0.9),
    Org("Lounais-Suomen ammattikorkeakoulu", "rdi", None, None, None, "85 Koulutus",
        "Kumppani", D(2023, 9, 1), role="steering_group", activity=0.7),
    Org("Loimaan seudun ammattiopisto", "education", None, None, None, "85 Koulutus", "Kumppani",
        D(2024, 1, 15), activity=0.5),
    Org("Loimaan Teknologiayrittäjät ry", "third_sector", None, None, None, "94 Järjestöt",
        "Yhdistysjäsen", D(2024, 3, 1), activity=0.3),
    # Companies joining in late 2023 and 2024.
    Org("Ylistaron Robotiikka Oy", "company", "small", 24, 3_800_000, MACHINERY, "Pienyritys",
        D(2023, 10, 15), activity=0.6),
    Org("Metsämaan Pintakäsittely Oy", "company", "small", 31, 4_100_000, METAL, "Pienyritys",
        D(2023, 11, 20), activity=0.25),
    Org("Pappilanmäen Ohjelmisto Oy", "company", "micro", 8, 900_000, SOFTWARE, "Pienyritys",
        D(2024, 1, 10), activity=0.5),
    Org("Hirvijoen Kuljetus Oy", "company", "medium", 85, 14_000_000, LOGISTICS, "Perusjäsen",
        D(2024, 2, 1), activity=0.2),
    Org("Kanta-Loimaan Sähköasennus Oy", "company", "small", 29, 3_300_000, ELECTRICAL,
        "Pienyritys", D(2024, 2, 20), activity=0.35),
    Org("Tarkkuusvalu Härkänen Oy", "company", "medium", 110, 19_000_000, METAL, "Perusjäsen",
        D(2024, 3, 15), activity=0.4),
    Org("Suomen Hitsaustekniikka Loimaa Oy", "company", "small", 27, 3_900_000, METAL,
        "Pienyritys", D(2024, 4, 1), until=D(2025, 6, 30), status="former", activity=0.15),
    Org("Vampulan Insinööritoimisto Oy", "company", "micro", 6, 650_000, ENGINEERING,
        "Pienyritys", D(2024, 4, 20), activity=0.3),
    Org("Loimaan Työvoimapalvelu Oy", "company", "small", 14, 1_800_000, STAFFING, "Pienyritys",
        D(2024, 5, 6), activity=0.45),
    Org("Hydrolux Components Oy", "company", "large", 340, 95_000_000, MACHINERY, "Veturiyritys",
        D(2024, 6, 1), role="board", activity=0.65),
    Org("Nummenkylän Mekaniikka Oy", "company", "micro", 7, 720_000, MACHINERY, "Pienyritys",
        D(2024, 8, 15), until=D(2024, 12, 31), status="former", activity=0.1),
    Org("Aurajoen Anturit Oy", "company", "small", 19, 2_400_000, ELECTRICAL, "Pienyritys",
        D(2024, 9, 1), activity=0.4),
    Org("Loimaan Lasertyö Oy", "company", "small", 33, 4_600_000, METAL, "Pienyritys",
        D(2024, 10, 1), activity=0.3),
    Org("Kivikylän Konepalvelu Oy", "company", "micro", 5, None, MACHINERY, "Pienyritys",
        D(2024, 11, 12), activity=0.0),
    # Companies joining in 2025.
    Org("Pohjoisen Puristintekniikka Oy", "company", "medium", 140, 26_000_000, MACHINERY,
        "Perusjäsen", D(2025, 1, 15), activity=0.45),
    Org("Digivalmistus Loimaa Oy", "company", "micro", 9, 1_100_000, SOFTWARE, "Pienyritys",
        D(2025, 2, 3), activity=0.55),
    Org("Sähkö-Kivelä Oy", "company", "small", 21, None, ELECTRICAL, "Pienyritys",
        D(2025, 2, 24), activity=0.2),
    Org("Loimaan Kunnossapito Oy", "company", "small", 45, 5_800_000, MACHINERY, "Pienyritys",
        D(2025, 3, 10), activity=0.35),
    Org("Koskenkorvan Komposiitti Oy", "company", "small", 26, 3_400_000, PLASTICS,
        "Pienyritys", D(2025, 4, 1), activity=0.25),
    Org("Teollisuuspalvelu Ruuska Oy", "company", "micro", 4, 480_000, ENGINEERING,
        "Pienyritys", D(2025, 5, 12), activity=0.0),
    Org("Länsi-Suomen Vaijeri Oy", "company", "medium", 60, 9_700_000, METAL, "Perusjäsen",
        D(2025, 8, 18), activity=0.3),
    Org("Loimaan Konesuunnittelu Oy", "company", "micro", 3, None, ENGINEERING, "Pienyritys",
        D(2025, 9, 1), activity=0.2),
    Org("Aluetekniikka Salminen Oy", "company", "small", 17, 2_100_000, MACHINERY, "Pienyritys",
        D(2023, 8, 1), until=D(2024, 6, 30), status="former", activity=0.1),
    # Followers: on the mailing list, never members.
    Org("Pöytyän Muotoilu Oy", "company", "micro", 4, 350_000, ENGINEERING, None, None,
        status="follower", activity=0.15),
    Org("Oripään Energia Oy", "company", "small", 16, 2_800_000, "35 Energiahuolto", None, None,
        status="follower", activity=0.2),
    Org("Humppilan Puutuote Oy", "company", "small", 30, 4_000_000, "16 Puutuotteet", None, None,
        status="follower", activity=0.1),
)

# Organisations that show up on attendance lists without being in the register.
OUTSIDERS: tuple[str, ...] = (
    "Varsinais-Suomen ELY-keskus",
    "Turun seudun kehitysyhtiö",
    "Satakunnan Konetekniikka Oy",
    "Loimaan Sanomat",
    "Yrityspalvelu Koski Oy",
)

# Fictional person names for the attendance lists.
FIRST_NAMES: tuple[str, ...] = (
    "Aino", "Eero", "Helmi", "Ilkka", "Johanna", "Kalle", "Laura", "Mikko", "Niina", "Olli",
    "Pirjo", "Riku", "Sanna", "Timo", "Ulla", "Ville", "Anna", "Jari", "Katja", "Markku",
    "Minna", "Pekka", "Satu", "Tero", "Tiina", "Antti", "Elina", "Heikki", "Jenni", "Juha",
)
LAST_NAMES: tuple[str, ...] = (
    "Aaltonen", "Heikkilä", "Jokinen", "Kallio", "Koivisto", "Laaksola", "Lehtinen", "Mäkelä",
    "Nieminen", "Ojala", "Peltonen", "Rantanen", "Salonen", "Toivonen", "Virtanen", "Hakala",
    "Järvinen", "Kettunen", "Leinonen", "Mattila", "Nurmi", "Palmu", "Rinne", "Suominen",
)


def business_id(number: int) -> str:
    """A Y-tunnus ``NNNNNNN-C`` with a valid check digit, or '' when ``number`` has none."""
    digits = f"{number:07d}"
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2))) % 11
    if remainder == 1:
        return ""
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
