"""The demo cluster's activity 2023-2025: events, funding, projects, stories, statistics.

Fixed lists written by hand; the attendance lists and survey answers that depend on chance are
drawn in ``data.demo.build`` from a seeded generator.
"""
from __future__ import annotations

import datetime as dt

D = dt.date

# (event_id, title, date, event type in Finnish, format in Finnish, host organisation or None)
EVENTS: tuple[tuple[str, str, dt.date, str, str, str | None], ...] = (
    ("T-2023-01", "Klusterin käynnistystilaisuus", D(2023, 6, 13), "seminaari", "lähitapahtuma",
     "Loimaan kaupunki"),
    ("T-2023-02", "Ohjausryhmän kokous", D(2023, 8, 22), "ohjausryhmän kokous", "lähitapahtuma",
     None),
    ("T-2023-03", "Aamukahvit: osaajien saatavuus", D(2023, 9, 14), "aamukahvi",
     "lähitapahtuma", "Alastaron Automaatio Oy"),
    ("T-2023-04", "Yritysvierailu: Loimijoen Konepaja", D(2023, 10, 11), "yritysvierailu",
     "lähitapahtuma", "Loimijoen Konepaja Oy"),
    ("T-2023-05", "Työpaja: yhteinen työnantajakuva", D(2023, 11, 8), "työpaja", "lähitapahtuma",
     None),
    ("T-2023-06", "Vuoden päätöstilaisuus", D(2023, 12, 7), "seminaari", "hybridi",
     "Loimaan kaupunki"),
    ("T-2024-01", "Vuosikokous 2024", D(2024, 2, 20), "vuosikokous", "lähitapahtuma", None),
    ("T-2024-02", "Webinaari: EU-rahoitus pk-yrityksille", D(2024, 3, 12), "webinaari", "etä",
     None),
    ("T-2024-03", "Aamukahvit: automaatio ja robotiikka", D(2024, 4, 10), "aamukahvi",
     "lähitapahtuma", "Ylistaron Robotiikka Oy"),
    ("T-2024-04", "Törmäytystilaisuus: yritykset ja opiskelijat", D(2024, 5, 15),
     "törmäytystilaisuus", "lähitapahtuma", "Lounais-Suomen ammattikorkeakoulu"),
    ("T-2024-05", "Yritysvierailu: Hirvikosken Hydrauliikka", D(2024, 6, 5), "yritysvierailu",
     "lähitapahtuma", "Hirvikosken Hydrauliikka Oy"),
    ("T-2024-06", "Leirinuotio: kesän kuulumiset", D(2024, 8, 21), "leirinuotio",
     "lähitapahtuma", None),
    ("T-2024-07", "Koulutus: kyberturvallisuus tuotannossa", D(2024, 9, 18), "koulutus",
     "hybridi", "Pappilanmäen Ohjelmisto Oy"),
    ("T-2024-08", "Alihankintamessut, yhteisosasto", D(2024, 10, 8), "messut", "lähitapahtuma",
     None),
    ("T-2024-09", "Infotilaisuus: Älykäs valmistus Loimaalla -hanke", D(2024, 11, 6),
     "infotilaisuus", "hybridi", "Lounais-Suomen ammattikorkeakoulu"),
    ("T-2024-10", "Ohjausryhmän kokous", D(2024, 12, 3), "ohjausryhmän kokous", "etä", None),
    ("T-2025-01", "Vuosikokous 2025", D(2025, 2, 18), "vuosikokous", "lähitapahtuma", None),
    ("T-2025-02", "Webinaari: vihreä siirtymä konepajoissa", D(2025, 3, 11), "webinaari", "etä",
     None),
    ("T-2025-03", "Aamukahvit: kansainväliset osaajat", D(2025, 4, 9), "aamukahvi",
     "lähitapahtuma", "Loimaan Työvoimapalvelu Oy"),
    ("T-2025-04", "Yritysdelegaatio Viroon", D(2025, 5, 20), "kansainvälinen tapahtuma",
     "lähitapahtuma", None),
    ("T-2025-05", "Jäsenvierailu: ammattikorkeakoulun tutkimuslaboratorio", D(2025, 6, 4),
     "jäsenvierailu", "lähitapahtuma", "Lounais-Suomen ammattikorkeakoulu"),
    ("T-2025-06", "Työpaja: tekoäly tuotannonsuunnittelussa", D(2025, 9, 10), "työpaja",
     "hybridi", "Digivalmistus Loimaa Oy"),
    ("T-2025-07", "Törmäytystilaisuus: hankinnat ja alihankinta", D(2025, 10, 1),
     "törmäytystilaisuus", "lähitapahtuma", None),
    ("T-2025-08", "Loimaan teknologiapäivä", D(2025, 10, 23), "seminaari", "lähitapahtuma",
     "Loimaan kaupunki"),
    ("T-2025-09", "Ohjausryhmän kokous", D(2025, 11, 25), "ohjausryhmän kokous",
     "lähitapahtuma", None),
)

# Funding rows besides membership fees, which the builder derives from the register:
# (year, source in Finnish, amount, payer, status in Finnish, note).
FUNDING: tuple[tuple[int, str, float, str, str, str | None], ...] = (
    (2023, "kaupungin perusrahoitus", 10_000, "Loimaan kaupunki", "maksettu",
     "Kaupunginhallitus 15.5.2023 § 114"),
    (2024, "kaupungin perusrahoitus", 15_000, "Loimaan kaupunki", "maksettu",
     "Varaus vuoden 2024 talousarviossa"),
    (2024, "EU-hanke", 18_500, "Älykäs valmistus Loimaalla (EAKR)", "maksettu",
     "Klusterin osuus hankkeen koordinaatiosta"),
    (2024, "palvelumaksu", 2_400, "Alihankintamessujen yhteisosasto", "maksettu", None),
    (2025, "kaupungin perusrahoitus", 15_000, "Loimaan kaupunki", "maksettu", None),
    (2025, "kaupungin perusrahoitus", 5_000, "Loimaan kaupunki", "sitoumus",
     "Lisärahoitus teknologiapäivään"),
    (2025, "EU-hanke", 24_000, "Älykäs valmistus Loimaalla (EAKR)", "maksettu", None),
    (2025, "EU-hanke", 12_000, "Älykäs valmistus Loimaalla (EAKR)", "sitoumus",
     "Maksatushakemus jätetty"),
    (2025, "Business Finland", 9_000, "Business Finland", "sitoumus",
     "Robotiikkaekosysteemin esiselvitys"),
    (2025, "säätiö", 3_000, "Loimaan Seudun Säästöpankkisäätiö", "maksettu",
     "Opiskelijayhteistyö"),
)

# Projects: one granted EU/EAKR RDI project with partners, one rejected, one applied, one
# Business Finland project and a closed start-up project.
PROJECTS: tuple[dict[str, object], ...] = (
    {"project_id": "H-01", "name": "Klusterin käynnistys ja toimintamalli",
     "funder_programme": "ELY", "status": "päättynyt", "applied_date": D(2023, 6, 30),
     "start": D(2023, 9, 1), "end": D(2024, 8, 31), "total_budget_eur": 60_000,
     "national_public_eur": 36_000, "municipal_eur": 12_000, "private_company_eur": 12_000,
     "is_rdi": "ei", "city_need": "kyllä", "partners": "Loimaan kaupunki"},
    {"project_id": "H-02", "name": "Älykäs valmistus Loimaalla", "funder_programme": "EAKR",
     "status": "myönnetty", "applied_date": D(2023, 10, 16), "start": D(2024, 3, 1),
     "end": D(2026, 2, 28), "total_budget_eur": 420_000, "eu_funding_eur": 252_000,
     "national_public_eur": 63_000, "municipal_eur": 42_000, "private_company_eur": 63_000,
     "is_rdi": "kyllä", "city_need": "kyllä",
     "partners": "Lounais-Suomen ammattikorkeakoulu; Loimijoen Konepaja Oy; "
                 "Alastaron Automaatio Oy; Ylistaron Robotiikka Oy"},
    {"project_id": "H-03", "name": "Kansainvälistymisen kiihdytin", "funder_programme": "Interreg",
     "status": "hylätty", "applied_date": D(2024, 2, 2), "start": D(2024, 9, 1),
     "end": D(2026, 8, 31), "total_budget_eur": 310_000, "eu_funding_eur": 217_000,
     "is_rdi": "ei", "city_need": "ei",
     "partners": "Hirvikosken Hydrauliikka Oy; Turun seudun kehitysyhtiö"},
    {"project_id": "H-04", "name": "Robotiikkaekosysteemin esiselvitys",
     "funder_programme": "Business Finland", "status": "käynnissä",
     "applied_date": D(2025, 1, 20), "start": D(2025, 4, 1), "end": D(2026, 3, 31),
     "total_budget_eur": 100_000, "national_public_eur": 75_000, "private_company_eur": 25_000,
     "is_rdi": "kyllä", "city_need": "ei",
     "partners": "Ylistaron Robotiikka Oy; Hydrolux Components Oy; Digivalmistus Loimaa Oy"},
    {"project_id": "H-05", "name": "Vihreä siirtymä konepajoissa", "funder_programme": "JTF",
     "status": "haettu", "applied_date": D(2025, 9, 15), "start": D(2025, 12, 1),
     "end": D(2027, 11, 30), "total_budget_eur": 380_000, "eu_funding_eur": 228_000,
     "is_rdi": "kyllä", "city_need": "kyllä",
     "partners": "Lounais-Suomen ammattikorkeakoulu; Vesikosken Valimo Oy"},
)

# Success stories: (date, type in Finnish, title, organisations, amount, jobs, country,
# attribution in Finnish, consent to publish, description).
OUTCOMES: tuple[tuple[dt.date, str, str, str, float | None, int | None, str | None, str, str,
                      str], ...] = (
    (D(2023, 11, 30), "uusi kumppanuus",
     "Kaksi konepajaa sopi yhteisestä hitsausrobottisolusta",
     "Loimijoen Konepaja Oy; Kurjenmäen Koneistus Oy", None, None, None, "suora", "kyllä",
     "Yritykset tutustuivat toisiinsa yritysvierailulla ja jakavat nyt robottisolun käyttövuorot."),
    (D(2024, 3, 20), "opinnäytetyö",
     "Opinnäytetyö tuotannon energiankulutuksen seurannasta",
     "Lounais-Suomen ammattikorkeakoulu; Vesikosken Valimo Oy", None, None, None,
     "myötävaikuttava", "kyllä",
     "Ammattikorkeakoulun opiskelija teki mittausjärjestelmän valimon energiankulutukselle."),
    (D(2024, 5, 28), "uudet työpaikat", "Kesätyöntekijöiden yhteishaku toi 14 kesätyöpaikkaa",
     "Hirvikosken Hydrauliikka Oy; Loimaan Levytyö Oy", None, 14, None, "myötävaikuttava",
     "kyllä",
     "Klusterin yhteinen kesätyökampanja kaupungin kanssa; hakijoita tuli 160."),
    (D(2024, 6, 12), "vientikauppa", "Vientisopimus Ruotsiin messukontaktin kautta",
     "Alastaron Automaatio Oy", 480_000, None, "SE", "myötävaikuttava", "ei",
     "Ruotsalainen ostaja löytyi alihankintamessujen yhteisosastolta."),
    (D(2024, 9, 25), "pilotti", "Robotiikkapilotti ammattikorkeakoulun laboratoriossa",
     "Ylistaron Robotiikka Oy; Lounais-Suomen ammattikorkeakoulu", None, None, None, "suora",
     "kyllä",
     "Robotiikkapilotti tehtiin ammattikorkeakoulun laboratoriossa Älykäs valmistus -hankkeessa."),
    (D(2024, 10, 15), "medianäkyvyys", "Klusteri esillä valtakunnallisessa alan lehdessä",
     "", None, None, None, "suora", "kyllä",
     "Alan lehti julkaisi kolmen sivun jutun Loimaan teknologiateollisuudesta."),
    (D(2024, 12, 10), "kotimainen investointi", "Uusi tuotantohalli Loimaalle",
     "Hydrolux Components Oy", 3_200_000, 25, None, "tuntematon", "ei",
     "Yritys päätti investoinnista; klusterin osuus päätökseen ei ole tiedossa."),
    (D(2025, 2, 26), "uusi tuote tai palvelu", "Yhteinen kunnossapidon etäpalvelu",
     "Loimaan Kunnossapito Oy; Digivalmistus Loimaa Oy", None, None, None, "suora", "kyllä",
     "Kaksi jäsenyritystä kehitti työpajassa yhteisen palvelun."),
    (D(2025, 4, 30), "julkisen palvelun parannus",
     "Kaupungin yrityspalveluihin osaajien vastaanottomalli", "Loimaan kaupunki", None, None,
     None, "myötävaikuttava", "kyllä",
     "Kaupunki otti käyttöön klusterin ehdottaman mallin ulkomaisten osaajien vastaanottoon."),
    (D(2025, 5, 22), "kansainvälinen kumppanuus", "Kumppanuus virolaisen konepajaklusterin kanssa",
     "Kojonkulman Teräs Oyj; Tekniikkatalo Virta Oy", None, None, "EE", "suora", "kyllä",
     "Yritysdelegaation matkalla Viroon sovittiin yhteistyöstä."),
    (D(2025, 8, 14), "strategiamuutos", "Valimo siirtyy sähköiseen sulatukseen",
     "Vesikosken Valimo Oy", 1_100_000, None, None, "myötävaikuttava", "ei",
     "Valimo muutti strategiaansa vihreän siirtymän webinaarin jälkeen."),
    (D(2025, 10, 30), "ulkomainen investointi", "Saksalainen omistaja laajentaa Loimaalla",
     "Niinijoen Sähkötekniikka Oy", 2_500_000, 18, "DE", "tuntematon", "ei",
     "Omistaja laajentaa toimintaa Loimaalla; klusterin osuus päätökseen ei ole tiedossa."),
)

ILLUSTRATIVE = "Havainnollistava esimerkkiarvo (ei virallinen tilasto)"

# Regional context for Loimaa (illustrative values): measure -> (unit, {year: value}).
REGIONAL: dict[str, tuple[str, dict[int, float]]] = {
    "population": ("henkeä", {2022: 15_930, 2023: 15_820, 2024: 15_760, 2025: 15_710}),
    "net_migration": ("henkeä", {2022: -64, 2023: -21, 2024: 12, 2025: 18}),
    "employment_total": ("työpaikkaa", {2022: 6_180, 2023: 6_240, 2024: 6_310, 2025: 6_350}),
    "employment_sector": ("työpaikkaa", {2022: 1_520, 2023: 1_560, 2024: 1_610, 2025: 1_640}),
    "establishments": ("toimipaikkaa", {2022: 1_140, 2023: 1_152, 2024: 1_161, 2025: 1_170}),
}

# Open survey answers (manager only); item code -> texts.
OPEN_ANSWERS: dict[str, tuple[str, ...]] = {
    "A2": ("Tapahtumia voisi olla myös iltaisin.", "Tiedotus jäsenille voisi olla säännöllisempää.",
           "Pienten yritysten ääni kuuluviin paremmin.", "Enemmän yhteisiä rekrytointitapahtumia."),
    "A3": ("Yhteinen messuosasto myös ensi vuonna.", "Kansainvälisiä yritysvierailuja.",
           "Koulutusta tekoälyn käytöstä tuotannossa.", "Oppilaitosyhteistyön jatkaminen."),
}
