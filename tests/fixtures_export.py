"""A small cluster imported from CSV files written in the test, for the export tests.

The comments give the facts the hand-computed expectations rest on.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from data.importer import import_file
from data.store import ensure_cluster, open_db

# Titles an uploader could type that a spreadsheet would run as formulas if written carelessly.
HOSTILE_TITLES = ('=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3")
SECRET_TITLE = "Luottamuksellinen kauppa"

FILES: dict[str, str] = {
    # Three members: Alfa (board) and the city since 2023, Beta joins 1.6.2024.
    "jasenet.csv": (
        "Nimi;Organisaatiotyyppi;Jäsen alkaen;Luottamustehtävä;Henkilöstö\n"
        "Alfa Oy;yritys;1.1.2023;hallitus;10\n"
        "Beta Oy;yritys;1.6.2024;;5\n"
        "Loimaan kaupunki;kaupunki;1.1.2023;;\n"
    ),
    # 2023: companies 15 000 + city 10 000 paid; 2024: city 15 000 committed, Beta 500 paid.
    "rahoitus.csv": (
        "Vuosi;Rahoituslähde;Summa;Maksaja;Tila\n"
        "2023;jäsenmaksu;15000;Yritykset;maksettu\n"
        "2023;kaupunki;10000;Loimaan kaupunki;maksettu\n"
        "2024;kaupunki;15000;Loimaan kaupunki;sitoumus\n"
        "2024;jäsenmaksu;500;Beta Oy;maksettu\n"
    ),
    # One event in 2023 and one in 2024; Beta's 2024 row is registered but absent.
    "tapahtumat.csv": (
        "Tunniste;Nimi;Päivämäärä;Tyyppi\n"
        "E1;Aamukahvit;14.9.2023;aamukahvi\n"
        "E2;Seminaari;5.3.2024;seminaari\n"
    ),
    "osallistujat.csv": (
        "Tapahtuma-id;Organisaatio;Etunimi;Sukunimi;Sähköposti;Osallistui\n"
        "E1;Alfa Oy;Aino;Aalto;aino@alfa.example;kyllä\n"
        "E2;Alfa Oy;Aino;Aalto;aino@alfa.example;kyllä\n"
        "E2;Loimaan kaupunki;Eero;Ek;eero@loimaa.example;kyllä\n"
        "E2;Beta Oy;Ville;Vaara;ville@beta.example;ei\n"
    ),
    # Four consented stories with formula-like titles (2024) and one without consent.
    "tarinat.csv": (
        "Päivämäärä;Tyyppi;Otsikko;Summa;Julkaisulupa\n"
        + "".join(
            f'1.{m}.2024;uusi kumppanuus;"{title.replace(chr(34), chr(34) * 2)}";;kyllä\n'
            for m, title in enumerate(HOSTILE_TITLES, start=2)
        )
        + f"1.9.2024;vientikauppa;{SECRET_TITLE};250000;ei\n"
    ),
    # Survey 2024, 10 invited, 6 respond: A6 answered by all six (4,5,3,4,5,2: mean 23/6 = 3.83,
    # agree 4/6 = 0.6667); A7 by three only (suppressed, n = 3).
    "kysely.csv": (
        "Organisaatio;A6. Klusterin toiminta palvelee organisaatiotamme.;"
        "A7. Klusteriorganisaatio on onnistunut vastaamaan tarpeisiimme.;"
        "A2. Mitä klusterin toiminnassa pitäisi korjata?\n"
        "Alfa Oy;4;4;Avoin vastaus, jota ei saa viedä\n"
        "Beta Oy;jokseenkin samaa mieltä;;\n"
        "Loimaan kaupunki;3;5;\n"
        "Gamma Oy;5;;\n"
        "Delta Oy;täysin samaa mieltä;en osaa sanoa;\n"
        "Epsilon Oy;2;1;\n"
    ),
}
SURVEY_OPTIONS = {
    "kind": "survey",
    "survey_name": "Jäsenkysely 2024",
    "survey_year": 2024,
    "invited": 10,
}
OPEN_ANSWER = "Avoin vastaus, jota ei saa viedä"


def load_small_cluster(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Import every fixture file into cluster ``default``; fail loudly if one is rejected."""
    for name, text in FILES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        options = SURVEY_OPTIONS if name == "kysely.csv" else {}
        report = import_file(con, path, cluster_id="default", **options)
        if report.status != "loaded":
            raise RuntimeError(f"{name}: {report.to_text('en')}")


def small_database(folder: Path) -> Path:
    """Build the small cluster once into a database file in ``folder``; return its path."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KLUSTERIMITTARI_KEY_FILE", str(folder / "test.key"))
        con = open_db(folder / "small.duckdb")
        ensure_cluster(con, "default")
        load_small_cluster(con, folder)
        con.close()
    return folder / "small.duckdb"


def open_copy(source: Path, target: Path) -> duckdb.DuckDBPyConnection:
    """A private copy of a built database (tests may change it; the CLI may open it)."""
    shutil.copyfile(source, target)
    return open_db(target)


@pytest.fixture(scope="module")
def small_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small cluster, built once per test module."""
    return small_database(tmp_path_factory.mktemp("small"))


@pytest.fixture
def small(small_db_file: Path, db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private, open copy of the small cluster."""
    con = open_copy(small_db_file, db_path)
    yield con
    con.close()
