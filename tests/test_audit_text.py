"""The audit log in the reader's language: each action's facts are kept by name and written
in Finnish or English (they were stored as English text, "9 loaded …", "password: success")."""

from __future__ import annotations

from pathlib import Path

import pytest

from appkit.audit_text import describe
from auth.accounts import add_user, verify
from auth.audit_log import recent
from data.importer import import_file, undo_import
from data.store import open_db
from export.workbook import export_workbook
from indicators.registry import built_in
from indicators.targets import remove_target, set_target
from tests.browser.workbook import FUNDING_ROWS, filled_template


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """Audit entries of one of each action, oldest first."""
    folder = tmp_path_factory.mktemp("audit")
    con = open_db(folder / "audit.duckdb")
    try:
        add_user(con, "mari", "board", "salasana-123", actor="admin")
        verify(con, "mari", "väärin")
        xlsx = folder / "rahoitus.xlsx"
        xlsx.write_bytes(filled_template("funding", FUNDING_ROWS))
        import_file(con, xlsx, user="koordinaattori")
        set_target(con, built_in(), "default", "FUN-1", "city_share", 2026, 0.35, "koordinaattori")
        set_target(con, built_in(), "default", "ORG-5", "mean.A6", 2026, 4.2, "koordinaattori")
        remove_target(con, "default", "FUN-1", "city_share", 2026, "koordinaattori")
        export_workbook(con, built_in(), "default", lang="en", user="koordinaattori")
        undo_import(con, 1, user="koordinaattori")
        return list(reversed(recent(con, role="manager")))
    finally:
        con.close()


FINNISH = [
    "mari (kaupunginhallituksen jäsen)",
    "salasana: epäonnistui",
    "Tuonti 1: rahoitus.xlsx – ladattu",
    "FUN-1 Kaupungin osuus, vuosi 2026: tavoite 35\u00a0%",
    (
        "ORG-5 Keskiarvo (1–5): Klusterin toiminta palvelee organisaatiotamme, vuosi 2026: "
        "tavoite 4,20"
    ),
    "FUN-1 Kaupungin osuus, vuosi 2026",
    "Mittarit Excel-tiedostona (englanniksi, kaikki vuodet), {rows} riviä",
    "Tuonti 1 peruttu: rahoitus.xlsx",
]


def _with_rows(texts: list[str], entries: list[dict]) -> list[str]:
    """The expected texts with the export's row count (how many records the workbook held is
    not what these tests are about)."""
    rows = next(e["fields"]["rows"] for e in entries if e["action"] == "export")
    return [text.format(rows=rows) if "{rows}" in text else text for text in texts]


def test_each_action_in_finnish(entries: list[dict]) -> None:
    found = [describe(e["action"], e["detail"], e["fields"], "fi", built_in()) for e in entries]
    assert found == _with_rows(FINNISH, entries)


def test_each_action_in_english(entries: list[dict]) -> None:
    found = [describe(e["action"], e["detail"], e["fields"], "en", built_in()) for e in entries]
    assert found == _with_rows(
        [
            "mari (city board member)",
            "password: failed",
            "Import 1: rahoitus.xlsx – loaded",
            "FUN-1 City share, year 2026: target 35%",
            (
                "ORG-5 Mean (1–5): The cluster's activity serves our organisation, year 2026: "
                "target 4.20"
            ),
            "FUN-1 City share, year 2026",
            "Indicators as an Excel file (in English, all years), {rows} rows",
            "Import 1 undone: rahoitus.xlsx",
        ],
        entries,
    )


def test_export_documents_by_name() -> None:
    fields = {"document": "board_workbook", "lang": "fi", "first": 2023, "last": 2025}
    assert describe("export", "x", fields, "fi", built_in()) == (
        "Kaupunginhallituksen raportti Excel-tiedostona kaavioineen (suomeksi, 2023–2025)"
    )
    fields = {"document": "indicators", "lang": "fi", "year": 2024, "rows": 12}
    assert describe("export", "x", fields, "en", built_in()) == (
        "Indicators as an Excel file (in Finnish, 2024), 12 rows"
    )


def test_entries_from_before_named_facts_show_their_text() -> None:
    old = "9 loaded a.xlsx 0a1b"
    assert describe("import", old, None, "fi", built_in()) == old
    assert describe("new_action", "what happened", {"x": 1}, "en", built_in()) == "what happened"
    assert describe("export", "old", {"document": "unknown"}, "fi", built_in()) == "old"


def test_stored_detail_text_is_kept(tmp_path: Path) -> None:
    """The plain-text column still reads as before, for anyone reading the table directly."""
    con = open_db(tmp_path / "a.duckdb")
    try:
        verify(con, "nobody", "x")
        assert con.execute("SELECT detail FROM audit_log").fetchall() == [("password: failure",)]
    finally:
        con.close()
