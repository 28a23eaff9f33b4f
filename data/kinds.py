"""The sheet kinds of SPEC 2: their sheet names, columns, aliases, types and enumerations.

This module is the single description of the input contract; the importer, the templates,
the demo files and the UI's help texts all read it. Header and value matching is
case-insensitive after the normalisation in ``data.headers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column value types understood by the normaliser.
TEXT, INT, NUMBER, DATE, BOOL, BUSINESS_ID, ENUM, LIST = (
    "text",
    "int",
    "number",
    "date",
    "bool",
    "business_id",
    "enum",
    "list",
)

# Enumerations: code -> accepted names besides the code itself (Finnish and English).
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "org_type": {
        "company": ("yritys", "company", "yhtiö"),
        "rdi": (
            "tki",
            "tutkimuslaitos",
            "korkeakoulu",
            "yliopisto",
            "ammattikorkeakoulu",
            "amk",
            "rdi",
            "research",
            "university",
        ),
        "public": ("julkinen", "kunta", "kaupunki", "public", "municipality", "city"),
        "education": ("oppilaitos", "education", "school"),
        "third_sector": ("järjestö", "yhdistys", "third sector", "association", "ngo"),
        "financier": ("rahoittaja", "financier", "investor"),
        "individual": ("henkilö", "yksityishenkilö", "individual", "person"),
        "other": ("muu", "other"),
    },
    "size_class": {
        "micro": ("mikro", "mikroyritys", "micro"),
        "small": ("pieni", "small"),
        "medium": ("keskisuuri", "medium"),
        "large": ("suuri", "large"),
    },
    "member_status": {
        "member": ("jäsen", "member", "active"),
        "follower": ("seuraaja", "seurantajäsen", "follower"),
        "former": ("entinen", "eronnut", "former"),
    },
    "governance_role": {
        "board": ("hallitus", "board"),
        "steering_group": ("ohjausryhmä", "johtoryhmä", "steering group"),
        "section_chair": ("jaoston puheenjohtaja", "section chair"),
        "none": ("ei", "ei roolia", "none", "-"),
    },
    "event_type": {
        "seminar": ("seminaari", "seminar"),
        "workshop": ("työpaja", "workshop"),
        "webinar": ("webinaari", "webinar"),
        "company_visit": ("yritysvierailu", "company visit"),
        "member_visit": ("jäsenvierailu", "member visit"),
        "campfire": ("leirinuotio", "campfire"),
        "morning_coffee": ("aamukahvi", "aamukahvit", "morning coffee"),
        "matchmaking": ("törmäyttäminen", "törmäytystilaisuus", "matchmaking"),
        "info_session": ("infotilaisuus", "info session"),
        "annual_meeting": ("vuosikokous", "annual meeting"),
        "board_meeting": ("hallituksen kokous", "ohjausryhmän kokous", "board meeting"),
        "international": ("kansainvälinen tapahtuma", "international event", "international"),
        "trade_fair": ("messut", "trade fair"),
        "training": ("koulutus", "training"),
        "other": ("muu", "other"),
    },
    "event_format": {
        "in_person": ("lähitapahtuma", "paikan päällä", "in person", "in-person"),
        "online": ("etä", "etätapahtuma", "verkossa", "online"),
        "hybrid": ("hybridi", "hybrid"),
    },
    "participant_role": {
        "attendee": ("osallistuja", "attendee", "participant"),
        "speaker": ("puhuja", "speaker"),
        "host": ("isäntä", "host"),
        "organiser": ("järjestäjä", "organiser", "organizer"),
    },
    "source_type": {
        "membership_fee": ("jäsenmaksu", "membership fee"),
        "service_fee": ("palvelumaksu", "service fee"),
        "city_base_funding": ("kaupunki", "kaupungin perusrahoitus", "city base funding", "city"),
        "other_municipality": ("muu kunta", "other municipality"),
        "regional": ("maakunnan liitto", "maakunta", "regional", "regional council"),
        "national_base": ("valtio", "national base", "state"),
        "eu_project": ("eu-hanke", "eu project"),
        "national_project": ("kansallinen hanke", "business finland", "ely", "national project"),
        "other_project": ("muu hanke", "other project"),
        "foundation": ("säätiö", "foundation"),
        "investor": ("sijoittaja", "investor"),
        "other": ("muu", "other"),
    },
    "funding_status": {
        "committed": ("sitoumus", "sidottu", "varattu", "committed"),
        "paid": ("maksettu", "toteutunut", "paid"),
    },
    "project_status": {
        "applied": ("haettu", "applied"),
        "granted": ("myönnetty", "granted"),
        "rejected": ("hylätty", "rejected"),
        "ongoing": ("käynnissä", "ongoing"),
        "closed": ("päättynyt", "closed"),
    },
    "outcome_type": {
        "new_partnership": ("uusi kumppanuus", "new partnership"),
        "new_product_service": ("uusi tuote tai palvelu", "new product or service"),
        "innovation": ("innovaatio", "innovation"),
        "pilot_test": ("pilotti", "kokeilu", "pilot"),
        "rdi_infrastructure_use": ("tki-infrastruktuurin käyttö", "rdi infrastructure use"),
        "strategy_change": ("strategiamuutos", "strategy change"),
        "international_partnership": ("kansainvälinen kumppanuus", "international partnership"),
        "export_deal": ("kauppasopimus", "vientikauppa", "export deal"),
        "investment_domestic": ("kotimainen investointi", "domestic investment"),
        "investment_foreign": ("ulkomainen investointi", "foreign investment"),
        "new_establishment": ("uusi toimipaikka", "new establishment"),
        "jobs_created": ("uudet työpaikat", "jobs created"),
        "thesis_student_project": (
            "opinnäytetyö",
            "opiskelijaprojekti",
            "thesis",
            "student project",
        ),
        "publication": ("julkaisu", "publication"),
        "public_service_improvement": ("julkisen palvelun parannus", "public service improvement"),
        "innovation_procurement": ("innovatiivinen hankinta", "innovation procurement"),
        "media_visibility": ("medianäkyvyys", "media visibility"),
        "other": ("muu", "other"),
    },
    "attribution": {
        "direct": ("suora", "direct"),
        "contributory": ("osittainen", "myötävaikuttava", "contributory"),
        "unknown": ("tuntematon", "ei tiedossa", "unknown"),
    },
}

# Finnish display names of enumeration codes, used in templates' drop-down lists.
ENUM_LABEL_FI: dict[str, dict[str, str]] = {
    enum: {code: names[0] for code, names in values.items()} for enum, values in ENUMS.items()
}


@dataclass(frozen=True)
class Column:
    """One input column: canonical name, Finnish template header, aliases, type."""

    name: str
    header_fi: str
    type: str = TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False
    enum: str | None = None
    default: object = None  # applies only when the column is absent (SPEC 2)
    example: object = None  # value on the template's example row

    def names(self) -> tuple[str, ...]:
        """Every header that maps to this column (before normalisation)."""
        return (self.name, self.header_fi, *self.aliases)


@dataclass(frozen=True)
class Kind:
    """A sheet kind: recognised by sheet name or by its columns."""

    name: str
    sheet_names: tuple[str, ...]
    columns: tuple[Column, ...]
    template_sheet: str = ""
    notes: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


C = Column

MEMBERS = Kind(
    "members",
    ("Jäsenet", "Jäsenrekisteri", "Members"),
    (
        C(
            "name",
            "Nimi",
            TEXT,
            ("nimi", "organisaatio", "yritys", "organisation", "organization", "company"),
            required=True,
            example="Esimerkki Oy",
        ),
        C(
            "business_id",
            "Y-tunnus",
            BUSINESS_ID,
            ("y-tunnus", "ytunnus", "business id"),
            example="1234567-1",
        ),
        C(
            "org_type",
            "Organisaatiotyyppi",
            ENUM,
            ("organisaatiotyyppi", "tyyppi", "type"),
            enum="org_type",
            example="yritys",
        ),
        C(
            "size_class",
            "Kokoluokka",
            ENUM,
            ("kokoluokka", "koko", "size"),
            enum="size_class",
            example="pieni",
        ),
        C(
            "employees",
            "Henkilöstö",
            INT,
            ("henkilöstö", "henkilöstömäärä", "työntekijät", "employees"),
            example=25,
        ),
        C("turnover_eur", "Liikevaihto", NUMBER, ("liikevaihto", "turnover"), example=3500000),
        C("sector", "Toimiala", TEXT, ("toimiala", "sector"), example="28 Koneiden valmistus"),
        C("municipality", "Kunta", TEXT, ("kunta", "kotikunta", "municipality"), example="Loimaa"),
        C(
            "tier",
            "Jäsenyystaso",
            TEXT,
            ("jäsenyystaso", "jäsenluokka", "taso", "tier"),
            example="Perusjäsen",
        ),
        C(
            "status",
            "Tila",
            ENUM,
            ("tila", "jäsenyyden tila", "status"),
            enum="member_status",
            default="member",
            example="jäsen",
        ),
        C(
            "member_since",
            "Jäsen alkaen",
            DATE,
            ("jäsen alkaen", "liittymispäivä", "liittynyt", "member since", "joined"),
            example="15.5.2023",
        ),
        C(
            "member_until",
            "Jäsenyys päättynyt",
            DATE,
            ("jäsenyys päättynyt", "eronnut", "eroamispäivä", "member until", "left"),
        ),
        C(
            "governance_role",
            "Luottamustehtävä",
            ENUM,
            ("rooli", "luottamustehtävä", "role"),
            enum="governance_role",
            default="none",
            example="hallitus",
        ),
        C(
            "annual_fee_eur",
            "Jäsenmaksu",
            NUMBER,
            ("jäsenmaksu", "vuosimaksu", "annual fee"),
            example=1500,
        ),
    ),
    template_sheet="Jäsenet",
)

EVENTS = Kind(
    "events",
    ("Tapahtumat", "Events"),
    (
        C("event_id", "Tunniste", TEXT, ("tunniste", "tapahtuma-id", "id"), example="T-2024-01"),
        C(
            "title",
            "Nimi",
            TEXT,
            ("nimi", "otsikko", "tapahtuma", "event", "title"),
            required=True,
            example="Aamukahvit: automaation uudet tuulet",
        ),
        C(
            "date",
            "Päivämäärä",
            DATE,
            ("päivämäärä", "pvm", "ajankohta", "date"),
            required=True,
            example="20.6.2024",
        ),
        C(
            "event_type",
            "Tyyppi",
            ENUM,
            ("tyyppi", "tapahtumatyyppi", "type"),
            enum="event_type",
            default="other",
            example="aamukahvi",
        ),
        C(
            "format",
            "Muoto",
            ENUM,
            ("muoto", "format"),
            enum="event_format",
            example="lähitapahtuma",
        ),
        C("organiser", "Järjestäjä", TEXT, ("järjestäjä", "organiser"), example="Klusteri"),
    ),
    template_sheet="Tapahtumat",
)

PARTICIPANTS = Kind(
    "participants",
    ("Osallistujat", "Participants"),
    (
        C("event_id", "Tapahtuma-id", TEXT, ("tapahtuma-id", "tunniste"), example="T-2024-01"),
        C("event_title", "Tapahtuma", TEXT, ("tapahtuma", "tapahtuman nimi")),
        C("event_date", "Päivämäärä", DATE, ("päivämäärä", "pvm")),
        C(
            "organisation",
            "Organisaatio",
            TEXT,
            ("organisaatio", "yritys", "edustamani organisaatio", "organisation", "company"),
            required=True,
            example="Esimerkki Oy",
        ),
        C("business_id", "Y-tunnus", BUSINESS_ID, ("y-tunnus",), example="1234567-1"),
        C("first_name", "Etunimi", TEXT, ("etunimi", "first name"), example="Maija"),
        C("last_name", "Sukunimi", TEXT, ("sukunimi", "last name"), example="Meikäläinen"),
        C("person", "Nimi", TEXT, ("nimi", "osallistuja", "person", "name")),
        C(
            "email",
            "Sähköposti",
            TEXT,
            ("sähköposti", "email", "e-mail"),
            example="maija@example.fi",
        ),
        C(
            "role",
            "Rooli",
            ENUM,
            ("rooli", "role"),
            enum="participant_role",
            default="attendee",
            example="osallistuja",
        ),
        C(
            "attended",
            "Osallistui",
            BOOL,
            ("osallistui", "paikalla", "attended"),
            default=True,
            example="kyllä",
        ),
    ),
    template_sheet="Osallistujat",
)

FUNDING = Kind(
    "funding",
    ("Rahoitus", "Tulot", "Funding"),
    (
        C("year", "Vuosi", INT, ("vuosi", "year"), required=True, example=2024),
        C(
            "source_type",
            "Rahoituslähde",
            ENUM,
            ("lähde", "rahoituslähde", "source"),
            required=True,
            enum="source_type",
            example="kaupunki",
        ),
        C(
            "amount_eur",
            "Summa",
            NUMBER,
            ("summa", "määrä", "euroa", "amount"),
            required=True,
            example="15 000,00",
        ),
        C("payer", "Maksaja", TEXT, ("maksaja", "payer"), example="Loimaan kaupunki"),
        C(
            "status",
            "Tila",
            ENUM,
            ("tila", "status"),
            enum="funding_status",
            default="paid",
            example="maksettu",
        ),
        C("note", "Lisätieto", TEXT, ("huomautus", "lisätieto", "note")),
    ),
    template_sheet="Rahoitus",
)

PROJECTS = Kind(
    "projects",
    ("Hankkeet", "Projects"),
    (
        C("project_id", "Tunniste", TEXT, ("tunniste", "id"), example="H-01"),
        C(
            "name",
            "Nimi",
            TEXT,
            ("nimi", "hanke", "project"),
            required=True,
            example="Älykäs valmistus 2025",
        ),
        C(
            "funder_programme",
            "Rahoitusohjelma",
            TEXT,
            ("rahoitusohjelma", "ohjelma", "rahoittaja", "programme"),
            example="EAKR",
        ),
        C(
            "status",
            "Tila",
            ENUM,
            ("tila", "status"),
            required=True,
            enum="project_status",
            example="myönnetty",
        ),
        C("applied_date", "Hakupäivä", DATE, ("hakupäivä", "haettu"), example="1.2.2024"),
        C(
            "start",
            "Alkaa",
            DATE,
            ("alkaa", "alkupäivä", "start"),
            required=True,
            example="1.6.2024",
        ),
        C("end", "Päättyy", DATE, ("päättyy", "loppupäivä", "end"), example="31.5.2026"),
        C(
            "total_budget_eur",
            "Kokonaisbudjetti",
            NUMBER,
            ("kokonaisbudjetti", "budjetti"),
            example=400000,
        ),
        C("eu_funding_eur", "EU-rahoitus", NUMBER, ("eu-rahoitus", "eu-osuus"), example=240000),
        C(
            "national_public_eur",
            "Kansallinen julkinen rahoitus",
            NUMBER,
            ("kansallinen julkinen rahoitus", "valtion rahoitus"),
            example=60000,
        ),
        C(
            "municipal_eur",
            "Kuntarahoitus",
            NUMBER,
            ("kuntarahoitus", "kaupungin rahoitus"),
            example=40000,
        ),
        C(
            "private_company_eur",
            "Yritysrahoitus",
            NUMBER,
            ("yritysrahoitus", "yritysten rahoitus", "omarahoitus yritykset"),
            example=60000,
        ),
        C("is_rdi", "TKI-hanke", BOOL, ("tki", "tki-hanke", "rdi"), example="kyllä"),
        C("city_need", "Kaupungin tarve", BOOL, ("kaupungin tarve", "city need"), example="ei"),
        C(
            "partners",
            "Kumppanit",
            LIST,
            ("kumppanit", "partnerit", "partners"),
            example="1234567-1; Esimerkki Oy",
        ),
    ),
    template_sheet="Hankkeet",
)

OUTCOMES = Kind(
    "outcomes",
    ("Menestystarinat", "Tulokset", "Outcomes"),
    (
        C("date", "Päivämäärä", DATE, ("päivämäärä", "pvm"), required=True, example="3.9.2024"),
        C(
            "outcome_type",
            "Tyyppi",
            ENUM,
            ("tyyppi", "tuloksen tyyppi", "type"),
            required=True,
            enum="outcome_type",
            example="uusi kumppanuus",
        ),
        C(
            "title",
            "Otsikko",
            TEXT,
            ("otsikko", "kuvaus lyhyesti", "title"),
            required=True,
            example="Kaksi jäsenyritystä aloitti yhteisen tuotekehityksen",
        ),
        C("description", "Kuvaus", TEXT, ("kuvaus", "description")),
        C(
            "organisations",
            "Organisaatiot",
            LIST,
            ("organisaatiot", "yritykset", "osapuolet"),
            example="Esimerkki Oy; 1234567-1",
        ),
        C("amount_eur", "Summa", NUMBER, ("summa", "arvo")),
        C("jobs", "Työpaikat", INT, ("työpaikat",)),
        C("country", "Maa", TEXT, ("maa", "country")),
        C(
            "attribution",
            "Vaikutus",
            ENUM,
            ("vaikutus", "attribuutio"),
            enum="attribution",
            example="myötävaikuttava",
        ),
        C("evidence", "Näyttö", TEXT, ("lähde", "näyttö", "evidence")),
        C(
            "consent_to_publish",
            "Julkaisulupa",
            BOOL,
            ("julkaisulupa",),
            default=False,
            example="kyllä",
        ),
    ),
    template_sheet="Menestystarinat",
)

REGIONAL = Kind(
    "regional",
    ("Aluetilastot", "Regional statistics"),
    (
        C("region", "Alue", TEXT, ("alue", "region"), required=True, example="Loimaa"),
        C("year", "Vuosi", INT, ("vuosi", "year"), required=True, example=2024),
        C(
            "measure",
            "Mittari",
            TEXT,
            ("mittari", "muuttuja", "measure"),
            required=True,
            example="population",
        ),
        C("value", "Arvo", NUMBER, ("arvo", "value"), required=True, example=15800),
        C("unit", "Yksikkö", TEXT, ("yksikkö", "unit"), example="henkeä"),
        C("source", "Lähde", TEXT, ("lähde", "source"), example="Tilastokeskus"),
    ),
    template_sheet="Aluetilastot",
)

# Survey sheets carry background columns besides the catalogue items (SPEC 2, survey).
SURVEY_BACKGROUND = (
    C("organisation", "Organisaatio", TEXT, ("organisaatio", "organisation", "yritys")),
    C(
        "org_type",
        "Organisaatiotyyppi",
        ENUM,
        ("organisaatiotyyppi", "tyyppi", "org type"),
        enum="org_type",
    ),
    C("size_class", "Kokoluokka", ENUM, ("kokoluokka", "koko", "size"), enum="size_class"),
    C("submitted", "Vastausaika", DATE, ("vastausaika", "submitted", "aikaleima", "timestamp")),
)
SURVEY = Kind("survey", (), SURVEY_BACKGROUND, template_sheet="Kysely")

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (MEMBERS, EVENTS, PARTICIPANTS, FUNDING, PROJECTS, OUTCOMES, REGIONAL, SURVEY)
}
