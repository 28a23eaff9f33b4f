"""The enumerations of the input contract (SPEC 2): each code and the names it is written as.

Values match case-insensitively after trimming, by the code or any Finnish or English name
listed; the first name is the Finnish one shown in templates' drop-down lists.
"""

from __future__ import annotations

from i18n import catalogue, t

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
        "attendee": ("osallistuja", "attendee", "participant", "vieras", "guest"),
        "speaker": ("puhuja", "speaker", "esittäjä", "presenter", "panelist", "panelisti"),
        "host": ("isäntä", "host"),
        "organiser": (
            "järjestäjä",
            "organiser",
            "organizer",
            "co-organizer",
            "co-organiser",
            "toinen järjestäjä",
            "apujärjestäjä",
        ),
    },
    # Where a registration ended up (Eventbrite, Lyyti, Teams' older attendance list): present
    # counts as attended; registered counts only when nobody in the list is marked present;
    # absent never counts.
    "participation_status": {
        "present": (
            "osallistunut",
            "osallistui",
            "paikalla",
            "saapunut",
            "läsnä",
            "checked in",
            "checked-in",
            "attended",
            "present",
            "joined",
            "joined before",
            "left",
            "liittyi",
            "liittyi ennen",
            "poistui",
        ),
        "registered": (
            "ilmoittautunut",
            "ilmoittautui",
            "rekisteröitynyt",
            "vahvistettu",
            "hyväksytty",
            "attending",
            "registered",
            "confirmed",
            "approved",
        ),
        "absent": (
            "ei osallistunut",
            "peruttu",
            "peruutettu",
            "perunut",
            "peruuttanut",
            "ei saapunut",
            "ei paikalla",
            "poissa",
            "jonossa",
            "kutsuttu",
            "hylätty",
            "not attending",
            "refunded",
            "cancelled",
            "canceled",
            "deleted",
            "transferred",
            "no show",
            "no-show",
            "declined",
            "waitlist",
            "waitlisted",
            "invited",
        ),
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


def enum_name(enum: str, code: str, lang: str = "fi") -> str:
    """A value as a person reads it: the catalogue's name where the app has one
    (``ui.org_type.company``), else its Finnish name (the first listed) or its English words."""
    key = f"ui.{enum}.{code}"
    if key in catalogue():
        return t(key, lang)
    names = ENUMS.get(enum, {}).get(code)
    if names is None:
        return code
    return names[0] if lang == "fi" else code.replace("_", " ")
