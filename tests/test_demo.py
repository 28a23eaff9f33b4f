"""The demo cluster: deterministic files that load through the normal importer (issue 3 item 8)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pytest

from cli.main import main
from data.demo import FILES_DIR, PROFILE, load_demo, manifest
from data.demo.build import build
from data.demo.organisations import business_id
from data.kinds import KINDS
from data.store import memory_db, open_db
from indicators.compute import compute
from indicators.registry import built_in

# What the demo files hold (built by data/demo/build.py from its fixed lists and seed).
EXPECTED_ROWS = {
    "v_member": 40,
    "v_event": 25,
    "v_participation": 358,
    "v_funding": 19,
    "v_project": 5,
    "v_outcome": 12,
    "v_survey": 2,
    "v_survey_response": 34,
    "v_regional_stat": 20,
    "organisation": 45,
}


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, list]]:
    """The demo loaded once into an in-memory database, with the import reports."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KLUSTERIMITTARI_KEY_FILE", str(tmp_path_factory.mktemp("key") / "k.key"))
        con = memory_db()
        reports = load_demo(con)
        yield con, reports
        con.close()


def test_every_demo_file_loads_without_rejected_rows(demo) -> None:
    _, reports = demo
    assert [r.file_name for r in reports] == [entry["file"] for entry in manifest()]
    assert {r.status for r in reports} == {"loaded"}
    assert sum(r.rows_rejected for r in reports) == 0


def test_expected_row_counts(demo) -> None:
    con, _ = demo
    counts = {
        table: con.execute(f"SELECT count(*) FROM {table} WHERE cluster_id = 'default'").fetchone()[
            0
        ]
        for table in EXPECTED_ROWS
    }
    assert counts == EXPECTED_ROWS


def test_2023_funding_matches_the_city_board_decision(demo) -> None:
    con, _ = demo
    split = dict(
        con.execute(
            "SELECT source_type, sum(amount_eur)::DOUBLE FROM v_funding "
            "WHERE year = 2023 AND status = 'paid' GROUP BY source_type"
        ).fetchall()
    )
    assert split == {"membership_fee": 15000.0, "city_base_funding": 10000.0}
    city_2024 = con.execute(
        "SELECT sum(amount_eur)::DOUBLE FROM v_funding WHERE year = 2024 "
        "AND source_type = 'city_base_funding'"
    ).fetchone()[0]
    assert city_2024 == 15000.0
    results = {
        (r.metric, r.year): r.value
        for r in compute(con, built_in(), "default", 2023)
        if r.code == "FUN-1"
    }
    assert (results[("total_eur", 2023)], results[("city_share", 2023)]) == (25000.0, 0.4)


def test_demo_covers_the_story_the_board_reads(demo) -> None:
    con, _ = demo
    results = {(r.code, r.metric, r.year): r for r in compute(con, built_in(), "default")}
    years = {year for _, _, year in results}
    assert years == {2023, 2024, 2025}
    assert (
        results[("ORG-1", "members_year_end", 2023)].value
        < results[("ORG-1", "members_year_end", 2025)].value
    )
    assert results[("COM-3", "agree_share.A12", 2024)].suppressed  # few answered in 2024
    assert results[("ORG-5", "response_rate", 2025)].value is not None
    consented = con.execute(
        "SELECT count(*) FILTER (consent_to_publish), count(*) FROM v_outcome"
    ).fetchone()
    assert 0 < consented[0] < consented[1]


def test_cluster_profile_is_set(demo) -> None:
    con, _ = demo
    row = con.execute(
        "SELECT name, org_form, staff_fte, strategic_priorities FROM cluster "
        "WHERE cluster_id = 'default'"
    ).fetchone()
    assert row == (PROFILE["name"], "ry", 0.5, PROFILE["strategic_priorities"])
    assert len(row[3]) == 2


def test_reloading_the_demo_changes_no_counts(demo) -> None:
    con, _ = demo
    statuses = {r.file_name: r.status for r in load_demo(con)}
    assert statuses["osallistujat_2023-2025.xlsx"] == statuses["rahoitus_2023-2025.xlsx"] == "noop"
    test_expected_row_counts(demo)


def test_builder_is_deterministic_and_files_are_current(tmp_path: Path) -> None:
    build(tmp_path)
    for entry in manifest():
        assert (tmp_path / entry["file"]).read_bytes() == (
            FILES_DIR / entry["file"]
        ).read_bytes(), entry["file"]
    assert (tmp_path / "manifest.toml").read_text() == (FILES_DIR / "manifest.toml").read_text()


def test_files_use_template_sheet_names_and_headers() -> None:
    for entry in manifest():
        if entry.get("kind") == "survey":
            continue
        book = openpyxl.load_workbook(FILES_DIR / entry["file"], read_only=True)
        kind = next(k for k in KINDS.values() if k.template_sheet == book.sheetnames[0])
        headers = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
        assert set(headers) <= {c.header_fi for c in kind.columns}, entry["file"]


def test_business_id_check_digit() -> None:
    # 1234567: 7+18+30+20+40+24+14 = 153, 153 mod 11 = 10, check digit 11 - 10 = 1.
    assert business_id(1234567) == "1234567-1"
    assert business_id(11) == "0000011-5"  # 1*4 + 1*2 = 6, check digit 11 - 6 = 5
    assert business_id(6) == ""  # 6*2 = 12, remainder 1: no valid check digit


@pytest.mark.slow
def test_cli_demo_if_empty(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--db", str(db_path), "--if-empty"]) == 0
    assert "Esimerkkiklusteri ladattu" in capsys.readouterr().out
    assert main(["demo", "--db", str(db_path), "--if-empty", "--lang", "en"]) == 0
    assert "already has data" in capsys.readouterr().out
    con = open_db(db_path)
    try:
        statuses = con.execute("SELECT status, count(*) FROM import_log GROUP BY status").fetchall()
    finally:
        con.close()
    assert statuses == [("loaded", len(manifest()))]
