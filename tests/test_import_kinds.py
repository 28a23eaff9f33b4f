"""Each sheet kind end to end: workbook written in the test -> import_file -> tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from data.importer import import_file
from data.pseudonym import keyed_hash, load_key
from tests.import_helpers import rows, workbook


def test_members_below_title_rows_with_finnish_values(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "rekisteri.xlsx",
        {
            "Jäsenrekisteri": [
                ["Klusterin jäsenet 2024"],
                [],
                [
                    "Yritys",
                    "Y-tunnus",
                    "Tyyppi",
                    "Koko",
                    "Henkilöstö",
                    "Liikevaihto (€)",
                    "Tila",
                    "Liittymispäivä",
                    "Eronnut",
                    "Rooli",
                    "Vuosimaksu",
                    "Muistiinpano",
                ],
                [
                    "Acme Oy",
                    "1234567-1",
                    "yritys",
                    "pieni",
                    25,
                    "1 500 000,00 €",
                    "jäsen",
                    dt.datetime(2023, 5, 15),
                    None,
                    "hallitus",
                    "1 500",
                    "hyvä",
                ],
                [
                    "Loimaan kaupunki",
                    None,
                    "kaupunki",
                    None,
                    None,
                    None,
                    "Jäsen",
                    "1.1.2023",
                    None,
                    None,
                    None,
                    None,
                ],
                [
                    "Beta Ab",
                    None,
                    "Company",
                    "micro",
                    "3",
                    None,
                    "entinen",
                    "15.05.2023",
                    "2024-06-30",
                    None,
                    None,
                    None,
                ],
                ["Yhteensä", None, None, None, 28],
            ]
        },
    )
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    assert report.sheets[0].rows_read == 3 and report.sheets[0].rows_loaded == 3
    assert [(i.code, i.column) for i in report.issues] == [("unknown_column", "Muistiinpano")]
    assert rows(
        con,
        """
        SELECT o.name, o.business_id, m.org_type, m.size_class, m.employees, m.turnover_eur,
               m.status, m.member_since, m.member_until, m.governance_role, m.annual_fee_eur,
               m.row_no
        FROM v_member m JOIN organisation o USING (cluster_id, org_id) ORDER BY m.row_no""",
    ) == [
        (
            "Acme Oy",
            "1234567-1",
            "company",
            "small",
            25,
            Decimal("1500000.00"),
            "member",
            dt.date(2023, 5, 15),
            None,
            "board",
            Decimal("1500.00"),
            4,
        ),
        (
            "Loimaan kaupunki",
            None,
            "public",
            None,
            None,
            None,
            "member",
            dt.date(2023, 1, 1),
            None,
            "none",
            None,
            5,
        ),
        (
            "Beta Ab",
            None,
            "company",
            "micro",
            3,
            None,
            "former",
            dt.date(2023, 5, 15),
            dt.date(2024, 6, 30),
            "none",
            None,
            6,
        ),
    ]
    log = rows(
        con,
        "SELECT file_name, kinds, rows_read, rows_loaded, rows_rejected, status, "
        "length(sha256) FROM import_log",
    )
    assert log == [("rekisteri.xlsx", "members", 3, 3, 0, "loaded", 64)]


def test_events_english_aliases(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "events.xlsx",
        {
            "Events": [
                ["ID", "Title", "Date", "Type", "Format", "Organiser"],
                ["E1", "Morning coffee", "2024-03-01", "Morning coffee", "online", "Cluster"],
                ["E2", "Workshop on AI", "15.4.2024", "työpaja", "lähitapahtuma", None],
                ["E3", "Annual meeting", "20.5.2024", None, None, None],
            ]
        },
    )
    assert import_file(con, path).status == "loaded"
    assert rows(
        con,
        "SELECT event_id, title, date, event_type, format, organiser, "
        "from_attendance FROM v_event ORDER BY event_id",
    ) == [
        ("E1", "Morning coffee", dt.date(2024, 3, 1), "morning_coffee", "online", "Cluster", False),
        ("E2", "Workshop on AI", dt.date(2024, 4, 15), "workshop", "in_person", None, False),
        ("E3", "Annual meeting", dt.date(2024, 5, 20), "other", None, None, False),
    ]


def _register(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "jasenet.xlsx",
        {"Jäsenet": [["Nimi", "Y-tunnus"], ["Acme Oy", "1234567-1"], ["Beta Ab", None]]},
    )
    assert import_file(con, path).status == "loaded"


def test_participants_match_orgs_create_events_and_never_members(con, tmp_path) -> None:
    _register(con, tmp_path)
    path = workbook(
        tmp_path / "osallistujat.xlsx",
        {
            "Osallistujat": [
                [
                    "Tapahtuma",
                    "Päivämäärä",
                    "Edustamani organisaatio",
                    "Y-tunnus",
                    "Etunimi",
                    "Sukunimi",
                    "Sähköposti",
                    "Rooli",
                    "Paikalla",
                ],
                [
                    "Aamukahvit",
                    "20.6.2024",
                    "ACME",
                    None,
                    "Maija",
                    "Meikäläinen",
                    "Maija@Example.fi",
                    "puhuja",
                    "kyllä",
                ],
                [
                    "Aamukahvit",
                    "20.6.2024",
                    "Ihan eri nimi",
                    "1234567-1",
                    "Matti",
                    "Virtanen",
                    None,
                    None,
                    None,
                ],
                ["Aamukahvit", "20.6.2024", "beta ab.", None, None, None, None, None, "x"],
                ["Aamukahvit", "20.6.2024", "Gamma Tmi", None, None, None, "g@gamma.fi", None, "x"],
            ]
        },
    )
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    created = [i for i in report.issues if i.code == "event_created"]
    assert [(i.row, i.value, i.fields["date"]) for i in created] == [
        (2, "Aamukahvit", dt.date(2024, 6, 20))
    ]
    assert created[0].reason("fi").endswith("(tyyppi muu, 20.6.2024)")
    assert created[0].reason("en").endswith("(type other, 2024-06-20)")
    assert rows(con, "SELECT title, date, event_type, from_attendance FROM v_event") == [
        ("Aamukahvit", dt.date(2024, 6, 20), "other", True)
    ]
    # ACME and "Ihan eri nimi" (by business ID) are Acme Oy; "beta ab." is Beta Ab.
    assert rows(
        con,
        """SELECT p.row_no, o.name, p.role, p.attended FROM v_participation p
                        JOIN organisation o USING (cluster_id, org_id) ORDER BY p.row_no""",
    ) == [
        (2, "Acme Oy", "speaker", True),
        (3, "Acme Oy", "attendee", False),
        (4, "Beta Ab", "attendee", True),
        (5, "Gamma Tmi", "attendee", True),
    ]
    assert rows(con, "SELECT name, org_type FROM organisation WHERE name = 'Gamma Tmi'") == [
        ("Gamma Tmi", "other")
    ]
    assert rows(con, "SELECT count(*) FROM membership") == [(2,)]
    assert rows(con, "SELECT name, in_register FROM v_org ORDER BY org_id") == [
        ("Acme Oy", True),
        ("Beta Ab", True),
        ("Gamma Tmi", False),
    ]
    key = load_key(None)
    assert rows(con, "SELECT email_hash, name_hash FROM participation WHERE row_no = 2") == [
        (keyed_hash(key, "maija@example.fi"), keyed_hash(key, "Maija Meikäläinen"))
    ]
    stored = " ".join(str(v) for r in rows(con, "SELECT * FROM participation") for v in r)
    for clear in ("maija", "Meikäläinen", "example.fi", "Virtanen", "gamma.fi"):
        assert clear.casefold() not in stored.casefold()


def test_participants_with_event_given_at_import_and_unknown_event_id(con, tmp_path) -> None:
    sheet = [["Organisaatio", "Nimi"], ["Acme Oy", "Maija M"], ["Beta", "Matti V"]]
    path = workbook(tmp_path / "lista.xlsx", {"Taul1": sheet})
    report = import_file(con, path, event_title="Vuosikokous", event_date="20.6.2025")
    assert report.status == "loaded", report.to_text("en")
    assert rows(con, "SELECT title, date FROM v_event") == [("Vuosikokous", dt.date(2025, 6, 20))]
    assert rows(con, "SELECT count(*), count(DISTINCT event_key) FROM participation") == [(2, 1)]
    path = workbook(
        tmp_path / "lista2.xlsx",
        {"Osallistujat": [["Tapahtuma-id", "Organisaatio"], ["X-99", "Acme Oy"]]},
    )
    report = import_file(con, path)
    assert report.status == "rejected"
    assert [(i.row, i.column, i.code) for i in report.issues] == [
        (2, "Tapahtuma-id", "unknown_event_id")
    ]


def test_participants_find_events_by_id_from_the_same_workbook(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "tapahtumat.xlsx",
        {
            "Osallistujat": [["Tapahtuma-id", "Organisaatio"], ["T1", "Acme Oy"], ["t1", "Beta"]],
            "Tapahtumat": [["Tunniste", "Nimi", "Pvm"], ["T1", "Seminaari", "1.2.2024"]],
        },
    )
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    assert rows(
        con,
        "SELECT e.title, count(*) FROM v_participation p JOIN v_event e "
        "USING (cluster_id, event_key) GROUP BY e.title",
    ) == [("Seminaari", 2)]
    assert not [i for i in report.issues if i.code == "event_created"]


def test_funding(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "tulot.xlsx",
        {
            "Tulot": [
                ["Vuosi", "Rahoituslähde", "Summa", "Maksaja", "Tila", "Lisätieto"],
                [2023, "kaupunki", "10 000,00 €", "Loimaan kaupunki", "maksettu", None],
                [2023, "Jäsenmaksu", 15000, None, None, "yritykset"],
                [2024, "city_base_funding", "15000", "Loimaan kaupunki", "sitoumus", None],
            ]
        },
    )
    assert import_file(con, path).status == "loaded"
    assert rows(
        con,
        "SELECT year, source_type, amount_eur, payer, status, note FROM v_funding ORDER BY row_no",
    ) == [
        (2023, "city_base_funding", Decimal("10000.00"), "Loimaan kaupunki", "paid", None),
        (2023, "membership_fee", Decimal("15000.00"), None, "paid", "yritykset"),
        (2024, "city_base_funding", Decimal("15000.00"), "Loimaan kaupunki", "committed", None),
    ]


def test_projects_with_partners_matched_like_participants(con, tmp_path) -> None:
    _register(con, tmp_path)
    path = workbook(
        tmp_path / "hankkeet.xlsx",
        {
            "Hankkeet": [
                [
                    "Tunniste",
                    "Hanke",
                    "Rahoitusohjelma",
                    "Tila",
                    "Hakupäivä",
                    "Alkaa",
                    "Päättyy",
                    "EU-rahoitus",
                    "Yritysrahoitus",
                    "TKI-hanke",
                    "Kumppanit",
                ],
                [
                    "H1",
                    "Älykäs valmistus",
                    "EAKR",
                    "myönnetty",
                    "1.2.2024",
                    "1.6.2024",
                    "31.5.2026",
                    "240 000",
                    "60 000",
                    "kyllä",
                    "1234567-1; BETA AB; Uusi Oy",
                ],
                [
                    "H2",
                    "Haettu hanke",
                    None,
                    "haettu",
                    None,
                    "1.1.2025",
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
            ]
        },
    )
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    assert rows(
        con,
        "SELECT project_id, name, status, applied_date, start_date, end_date, "
        "eu_funding_eur, private_company_eur, is_rdi, city_need FROM v_project "
        "ORDER BY project_id",
    ) == [
        (
            "H1",
            "Älykäs valmistus",
            "granted",
            dt.date(2024, 2, 1),
            dt.date(2024, 6, 1),
            dt.date(2026, 5, 31),
            Decimal("240000.00"),
            Decimal("60000.00"),
            True,
            False,
        ),
        (
            "H2",
            "Haettu hanke",
            "applied",
            None,
            dt.date(2025, 1, 1),
            None,
            None,
            None,
            False,
            False,
        ),
    ]
    assert rows(
        con,
        "SELECT o.name FROM v_project_partner pp JOIN organisation o "
        "USING (cluster_id, org_id) ORDER BY o.org_id",
    ) == [("Acme Oy",), ("Beta Ab",), ("Uusi Oy",)]
    assert rows(con, "SELECT count(*) FROM membership") == [(2,)]


def test_outcomes(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "tarinat.xlsx",
        {
            "Menestystarinat": [
                [
                    "Päivämäärä",
                    "Tyyppi",
                    "Otsikko",
                    "Organisaatiot",
                    "Summa",
                    "Työpaikat",
                    "Vaikutus",
                    "Julkaisulupa",
                ],
                [
                    "3.9.2024",
                    "uusi kumppanuus",
                    "Yhteinen tuotekehitys",
                    "Acme Oy; Beta",
                    None,
                    None,
                    "myötävaikuttava",
                    "kyllä",
                ],
                ["1.10.2024", "Vientikauppa", "Kauppa Ruotsiin", None, "250 000", "4", None, None],
            ]
        },
    )
    assert import_file(con, path).status == "loaded"
    assert rows(
        con,
        "SELECT date, outcome_type, title, amount_eur, jobs, attribution, "
        "consent_to_publish FROM v_outcome ORDER BY date",
    ) == [
        (
            dt.date(2024, 9, 3),
            "new_partnership",
            "Yhteinen tuotekehitys",
            None,
            None,
            "contributory",
            True,
        ),
        (
            dt.date(2024, 10, 1),
            "export_deal",
            "Kauppa Ruotsiin",
            Decimal("250000.00"),
            4,
            None,
            False,
        ),
    ]
    assert rows(con, "SELECT count(*) FROM v_outcome_org") == [(2,)]


def test_regional_statistics(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "alue.xlsx",
        {
            "Aluetilastot": [
                ["Alue", "Vuosi", "Mittari", "Arvo", "Yksikkö", "Lähde"],
                ["Loimaa", 2023, "population", "15 800", "henkeä", "Tilastokeskus"],
                ["Loimaa", 2024, "population", "15 650", "henkeä", "Tilastokeskus"],
            ]
        },
    )
    assert import_file(con, path).status == "loaded"
    assert rows(con, "SELECT region, year, measure, value FROM v_regional_stat ORDER BY year") == [
        ("Loimaa", 2023, "population", 15800.0),
        ("Loimaa", 2024, "population", 15650.0),
    ]


def test_survey_with_likert_text_and_dont_know(con, tmp_path) -> None:
    path = workbook(
        tmp_path / "jasenkysely.xlsx",
        {
            "Vastaukset": [
                [
                    "Vastausaika",
                    "Organisaatiotyyppi",
                    "A6. Klusterin toiminta palvelee organisaatiotamme.",
                    "N1) Jäsenet luottavat toisiinsa",
                    "A12. Onko klusteritoiminta vaikuttanut?",
                    "A2. Mitä klusterin toiminnassa pitäisi korjata?",
                    "Vastaajan ID",
                ],
                [
                    "14.11.2024 10:12",
                    "yritys",
                    "Täysin samaa mieltä",
                    4,
                    "Kyllä",
                    "Enemmän tapahtumia",
                    1,
                ],
                ["15.11.2024", "kunta", "en osaa sanoa", "jokseenkin eri mieltä", "ei", None, 2],
                ["2.1.2025", None, 3, None, None, None, 3],
                [None, None, None, None, None, None, None],
            ]
        },
    )
    report = import_file(con, path, survey_name="Jäsenkysely", invited=40)
    assert report.status == "loaded", report.to_text("en")
    assert [(i.code, i.column) for i in report.issues] == [("unknown_column", "Vastaajan ID")]
    assert rows(con, "SELECT name, year, invited FROM v_survey") == [("Jäsenkysely", 2024, 40)]
    assert rows(con, "SELECT response_no, org_type FROM v_survey_response ORDER BY 1") == [
        (2, "company"),
        (3, "public"),
        (4, None),
    ]
    assert rows(
        con,
        "SELECT response_no, item_code, value_num, value_text FROM "
        "v_survey_answer ORDER BY response_no, item_code",
    ) == [
        (2, "A12", 1.0, None),
        (2, "A2", None, "Enemmän tapahtumia"),
        (2, "A6", 5.0, None),
        (2, "N1", 4.0, None),
        (3, "A12", 0.0, None),
        (3, "N1", 2.0, None),
        (4, "A6", 3.0, None),
    ]


def test_survey_without_year_is_rejected(con, tmp_path) -> None:
    path = workbook(tmp_path / "kysely.xlsx", {"Taul1": [["A6", "N1"], [4, 5]]})
    report = import_file(con, path)
    assert report.status == "rejected"
    assert [i.code for i in report.issues] == ["survey_year_missing"]
    assert import_file(con, path, survey_year=2023).status == "loaded"
    assert rows(con, "SELECT name, year FROM v_survey") == [("kysely", 2023)]


def test_csv_with_semicolons_and_windows_1252(con, tmp_path) -> None:
    path = tmp_path / "tulot.csv"
    path.write_bytes(
        "Vuosi;Lähde;Summa (€);Maksaja\n2024;Jäsenmaksu;1 500,50;Acme Oy\n"
        "2024;säätiö;2000;Säätiö X\nYhteensä;;3 500,50;\n".encode("cp1252")
    )
    report = import_file(con, path)
    assert report.status == "loaded", report.to_text("en")
    assert rows(
        con, "SELECT year, source_type, amount_eur, payer FROM v_funding ORDER BY row_no"
    ) == [
        (2024, "membership_fee", Decimal("1500.50"), "Acme Oy"),
        (2024, "foundation", Decimal("2000.00"), "Säätiö X"),
    ]
