"""REG-3 with employee counts per year (issue 16): registers of several years keep each year's
count, the total uses the year's own count, and the change among companies that were members in
both years stands beside it with its n.

The registers are CSV files in the layout of the product's member template (SPEC 2 members,
Finnish headers), with the register's date as a ``Vuosi`` or ``Tilannepäivä`` column, as a
register exported once a year carries it, or given on import (``--register-year``). Every
expected number is worked out by hand in the comments.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from cli.main import main as cli
from data.importer import import_file, undo_import
from data.store import ensure_cluster, memory_db, open_db
from export.board_workbook import board_workbook
from export.html_report import html_report
from i18n import t
from indicators.compute import compute
from indicators.registry import built_in
from tests.fixtures_indicators import build

ROOT = Path(__file__).resolve().parents[1]
JOBS, SAME = "member_jobs", "jobs_change_same_members"
LABEL_FI = "Työpaikkojen muutos samoissa jäsenyrityksissä"


def reg3(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, int], tuple[object, object]]:
    """(metric, year) -> (value, n) of REG-3."""
    return {
        (r.metric, r.year): (r.value, r.n)
        for r in compute(con, built_in(), codes=["REG-3"])
        if r.year is not None
    }


# --- the rule on the hand-checkable fixture ---------------------------------------------------

# org_id, year, employees, replaced_by. A (1) company member since 2020; B (2) company from
# 5/2023; H (9) company from 3/2024; C (3) is RDI and D (5) a follower: never counted.
HISTORY = [
    (1, 2023, 12, None),
    (1, 2024, 13, None),
    (1, 2025, 99, 2),  # replaced by import 2: not effective
    (1, 2025, 16, None),
    (2, 2024, 6, None),
    (9, 2024, 2, None),
    (9, 2025, 4, None),
    (3, 2024, 90, None),
    (5, 2024, 7, None),
]


@pytest.fixture(scope="module")
def fixture_db() -> Iterator[duckdb.DuckDBPyConnection]:
    con = memory_db()
    ensure_cluster(con, "default")
    build(con)
    con.executemany(
        "INSERT INTO member_employees (cluster_id, import_id, replaced_by, org_id, year,"
        " employees) VALUES ('default', 1, ?, ?, ?, ?)",
        [(replaced, org, year, employees) for org, year, employees, replaced in HISTORY],
    )
    yield con
    con.close()


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 2023: A 12 (its 2023 count) + B 6 (no count before 2024: its first one) = 18, n 2.
        (2023, (18, 2)),
        # 2024: A 13 + B 6 + H 2 = 21, n 3.
        (2024, (21, 3)),
        # 2025: A 16 (99 was replaced) + B 6 (carried from 2024) + H 4 = 26, n 3.
        (2025, (26, 3)),
    ],
)
def test_member_jobs_use_each_years_count(fixture_db, year: int, expected: tuple) -> None:
    assert reg3(fixture_db)[(JOBS, year)] == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 2023: no company has counts for both 2022 and 2023.
        (2023, (None, 0)),
        # 2024: A 13 − 12 = +1; B has no 2023 count, H was no member on 31.12.2023.
        (2024, (1, 1)),
        # 2025: A 16 − 13 = +3, H 4 − 2 = +2 -> +5 over 2 companies; B has no 2025 count.
        (2025, (5, 2)),
    ],
)
def test_change_among_the_same_member_companies(fixture_db, year: int, expected: tuple) -> None:
    assert reg3(fixture_db)[(SAME, year)] == expected


def test_no_like_for_like_change_says_why(fixture_db) -> None:
    (record,) = [
        r
        for r in compute(fixture_db, built_in(), codes=["REG-3"])
        if (r.metric, r.year) == (SAME, 2023)
    ]
    assert record.note.key == "indicators.note.no_yearly_employees"


# --- imported registers of several years ------------------------------------------------------

REGISTER_2024 = """Nimi;Organisaatiotyyppi;Henkilöstö;Jäsen alkaen;Vuosi
Alfa Oy;yritys;10;1.1.2020;2024
Beta Oy;yritys;20;1.1.2020;2024
"""
REGISTER_2025 = """Nimi;Organisaatiotyyppi;Henkilöstö;Jäsen alkaen;Tilannepäivä
Alfa Oy;yritys;12;1.1.2020;31.12.2025
Beta Oy;yritys;21;1.1.2020;31.12.2025
Gamma Oy;yritys;30;1.3.2025;31.12.2025
"""
# No date column: the year is given on import. Alfa's count corrected, Beta's left empty.
REGISTER_2025_FIX = """Nimi;Organisaatiotyyppi;Henkilöstö;Jäsen alkaen
Alfa Oy;yritys;14;1.1.2020
Beta Oy;yritys;;1.1.2020
Gamma Oy;yritys;30;1.3.2025
"""
# One file of both years, a row per company and year (a register's yearly history sheet).
REGISTER_TWO_YEARS = """Nimi;Organisaatiotyyppi;Henkilöstö;Jäsen alkaen;Vuosi
Alfa Oy;yritys;10;1.1.2020;2024
Beta Oy;yritys;20;1.1.2020;2024
Alfa Oy;yritys;12;1.1.2020;2025
Beta Oy;yritys;21;1.1.2020;2025
"""
# Activity in 2024 and 2025 makes those the years shown.
FUNDING = """Vuosi;Rahoituslähde;Summa
2024;kaupunki;15 000
2025;kaupunki;15 000
"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _load(con: duckdb.DuckDBPyConnection, path: Path, **options: object) -> int:
    report = import_file(con, path, **options)
    assert report.status == "loaded", report.to_text("en")
    return int(report.import_id)


def test_registers_of_two_years_then_a_correction_and_undo(tmp_path: Path) -> None:
    con = open_db(tmp_path / "k.duckdb")
    _load(con, _file(tmp_path, "rahoitus.csv", FUNDING))
    _load(con, _file(tmp_path, "jasenet-2024.csv", REGISTER_2024))
    second = _load(con, _file(tmp_path, "jasenet-2025.csv", REGISTER_2025))
    got = reg3(con)
    # 2024: Alfa 10 + Beta 20; 2025: 12 + 21 + 30 (Gamma joined 1.3.2025).
    assert (got[(JOBS, 2024)], got[(JOBS, 2025)]) == ((30, 2), (63, 3))
    # Alfa +2, Beta +1 over the two companies that were members in both years; Gamma is new.
    assert got[(SAME, 2025)] == (3, 2)

    fix = _load(con, _file(tmp_path, "jasenet.csv", REGISTER_2025_FIX), register_year=2025)
    got = reg3(con)
    # Alfa's 2025 count is now 14; Beta keeps its 2025 count 21 from the earlier register.
    assert got[(JOBS, 2025)] == (65, 3)
    assert got[(SAME, 2025)] == (5, 2)  # Alfa +4, Beta +1

    undo_import(con, fix)
    assert reg3(con)[(SAME, 2025)] == (3, 2)
    undo_import(con, second)
    got = reg3(con)
    # Back to the 2024 register alone: Gamma is gone, 2025 carries the 2024 counts.
    assert got[(JOBS, 2025)] == (30, 2)
    assert got[(SAME, 2025)] == (None, 0)
    con.close()


def test_one_file_of_two_years(tmp_path: Path) -> None:
    """Every year's counts are kept; the member list is each company's latest year, and rows
    of different years are no duplicates."""
    con = open_db(tmp_path / "k.duckdb")
    _load(con, _file(tmp_path, "rahoitus.csv", FUNDING))
    report = import_file(con, _file(tmp_path, "jasenet.csv", REGISTER_TWO_YEARS))
    assert report.status == "loaded" and not report.issues, report.to_text("en")
    assert con.execute("SELECT list(employees ORDER BY employees) FROM v_member").fetchone() == (
        [12, 21],
    )
    got = reg3(con)
    assert (got[(JOBS, 2024)], got[(JOBS, 2025)], got[(SAME, 2025)]) == ((30, 2), (33, 2), (3, 2))
    con.close()


def test_registers_imported_before_the_history_keep_their_counts(tmp_path: Path) -> None:
    """A database of the previous version: its registers' counts go into the history under
    the year of their import when it is opened."""
    path = tmp_path / "k.duckdb"
    con = open_db(path)
    _load(con, _file(tmp_path, "jasenet.csv", REGISTER_2025_FIX))
    [(year,)] = con.execute("SELECT year(imported_at) FROM import_log").fetchall()
    con.execute("DROP VIEW v_member_employees")
    con.execute("DROP TABLE member_employees")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    con = open_db(path)
    rows = con.execute(
        "SELECT o.name, e.year, e.employees FROM v_member_employees e"
        " JOIN organisation o USING (cluster_id, org_id) ORDER BY o.name"
    ).fetchall()
    assert rows == [("Alfa Oy", year, 14), ("Gamma Oy", year, 30)]
    con.close()


def test_cli_register_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    path = _file(tmp_path, "jasenet.csv", REGISTER_2025_FIX)
    assert cli(["import", "--db", str(db), "--register-year", "1800", str(path)]) == 2
    assert "--register-year 1800" in capsys.readouterr().err
    assert cli(["import", "--db", str(db), "--register-year", "2023", str(path)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT DISTINCT year FROM member_employees").fetchall() == [(2023,)]
    con.close()


def test_manager_gives_the_registers_year_on_the_data_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "app.duckdb"
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(db))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    app.switch_page("pages/data.py").run()
    app.number_input(key="import_register_year").set_value(2024)
    app.get("file_uploader")[0].set_value(
        ("jasenet.csv", REGISTER_2025_FIX.encode("utf-8"), "application/octet-stream")
    )
    next(b for b in app.button if b.label == t("ui.data.import", "fi")).click().run()
    assert not app.exception, [e.value for e in app.exception]
    con = open_db(db)
    assert con.execute("SELECT DISTINCT year FROM member_employees").fetchall() == [(2024,)]
    con.close()


# --- what the board reads ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_years_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("jobs")
    path = tmp / "k.duckdb"
    con = open_db(path)
    _load(con, _file(tmp, "rahoitus.csv", FUNDING))
    _load(con, _file(tmp, "jasenet-2024.csv", REGISTER_2024))
    _load(con, _file(tmp, "jasenet-2025.csv", REGISTER_2025))
    con.close()
    return path


def test_overview_and_region_page_show_the_change_with_its_n(
    two_years_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(two_years_db))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not app.exception
    shown = " ".join(m.value for m in app.markdown)
    assert f"{LABEL_FI}: **3** (n = 2)" in shown
    app.switch_page("pages/region.py").run()
    assert not app.exception
    (card,) = [m for m in app.metric if m.label == LABEL_FI]
    assert card.value == "3"
    assert any("n = 2" in c.value for c in app.caption)


def test_board_reports_show_the_change_with_its_n(two_years_db: Path) -> None:
    con = open_db(two_years_db)
    page = html_report(con, built_in(), "default", (2024, 2025), "fi")
    assert f"{LABEL_FI}: <b>3</b> (n = 2)" in page
    book = openpyxl.load_workbook(
        io.BytesIO(board_workbook(con, built_in(), "default", (2024, 2025), "fi"))
    )
    con.close()
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    (row,) = [r for r in rows if LABEL_FI in r]
    # per year: 2024 not recorded (no 2023 counts), 2025 +3; n = 2 in the chosen year.
    at = row.index(LABEL_FI)
    assert row[at + 1 : at + 4] == ["ei kirjattu", 3, 2]
