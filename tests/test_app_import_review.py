"""The Data page's reviews, through AppTest: a member register that would remove members waits
for the manager's confirmation (SPEC 3), and a sheet of an unknown layout is mapped once and
saved as a source profile that a later file uses in the command line (SPEC 2.1).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from data.store import open_db
from i18n import t
from tests.test_app_pages import open_page, start
from tests.test_profiles import FIELDS, FIRST, HEADER, NAME, SECOND, hubspot_csv, run_cli
from tests.test_register_preview import FORTY, THREE

DATA = "pages/data.py"


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.get("file_uploader")[0].set_value((name, content, "application/octet-stream"))
    button(app, "ui.data.import").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def button(app: AppTest, key: str, **fields: object) -> object:
    label = t(key, "fi", **fields)
    return next(b for b in app.button if b.label == label)


def members(db: Path) -> int:
    con = open_db(db)
    try:
        return con.execute("SELECT count(*) FROM v_member").fetchone()[0]
    finally:
        con.close()


def test_register_replacement_waits_for_confirmation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "app.duckdb"
    app = upload(open_page(start(db, monkeypatch), DATA), "jasenet.xlsx", xlsx({"Jäsenet": FORTY}))
    assert [r.status for r in app.session_state["import_reports"]] == ["loaded"]

    app = upload(app, "kolme.xlsx", xlsx({"Jäsenet": THREE}))
    [report] = app.session_state["import_reports"]
    assert report.status == "rejected" and report.message == "data.register.refused"
    assert [(m.label, m.value) for m in app.metric] == [
        (t("ui.register.joins", "fi"), "1"),
        (t("ui.register.leaves", "fi"), "38"),
        (t("ui.register.changes", "fi"), "1"),
    ]
    warning = t("ui.register.warning", "fi", current=40, removed=38, share="95\u00a0%")
    assert warning in [w.value for w in app.warning]
    leaving = next(df.value for df in app.dataframe if len(df.value) == 38)
    assert list(leaving.iloc[:, 0])[:2] == ["Jäsen 03 Oy", "Jäsen 04 Oy"]

    button(app, "ui.register.cancel").click().run()
    assert t("ui.register.cancelled", "fi", file="kolme\\.xlsx") in [i.value for i in app.info]
    assert not [b for b in app.button if b.label == t("ui.register.confirm", "fi")]
    assert members(db) == 40

    app = upload(app, "kolme.xlsx", xlsx({"Jäsenet": THREE}))
    button(app, "ui.register.confirm").click().run()
    assert not app.exception, [e.value for e in app.exception]
    [report] = app.session_state["import_reports"]
    assert report.status == "loaded"
    assert members(db) == 3
    history = next(df.value for df in app.dataframe if "import_id" in df.value.columns)
    assert list(history["status"]) == [
        t(f"data.status.{s}", "fi") for s in ("loaded", "rejected", "rejected", "loaded")
    ]


def test_unknown_layout_is_mapped_once_then_the_cli_needs_no_questions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "app.duckdb"
    first = hubspot_csv(tmp_path / "hubspot.csv", FIRST).read_bytes()
    app = upload(open_page(start(db, monkeypatch), DATA), "hubspot.csv", first)
    [report] = app.session_state["import_reports"]
    assert report.status == "rejected"
    sheet = report.sheets[0].sheet

    button(app, "ui.mapping.start", sheet=sheet).click().run()
    assert not app.exception, [e.value for e in app.exception]
    first_rows = next(df.value for df in app.dataframe if "A" in df.value.columns)
    assert list(first_rows.iloc[0])[:3] == ["Record ID", "Company name", "Company Domain Name"]
    app.selectbox(key="mapping_kind").set_value("members").run()
    headers = HEADER.split(",")
    for index, field in enumerate(FIELDS):
        box = app.selectbox(key=f"mapping_field_members_0_{index}")
        assert box.label.endswith(headers[index])
        box.set_value(field)
    button(app, "ui.mapping.preview").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert t("ui.mapping.preview_counts", "fi", read=3, rejected=0) in [i.value for i in app.info]
    typed = next(df.value for df in app.dataframe if "Henkilöstö" in df.value.columns)
    assert list(typed["Henkilöstö"]) == ["45", "8", "120"]
    assert list(typed["Jäsen alkaen"]) == ["2.3.2021", "15.5.2023", "30.11.2022"]

    app.text_input(key="mapping_name").set_value(NAME)
    button(app, "ui.mapping.save").click().run()
    assert not app.exception, [e.value for e in app.exception]
    [report] = app.session_state["import_reports"]
    assert (report.status, report.sheets[0].profile) == ("loaded", NAME)
    assert t("ui.mapping.saved", "fi", name="HubSpot\\-yritykset") in [s.value for s in app.success]
    assert members(db) == 3
    profiles_table = next(df.value for df in app.dataframe if "mapping" in df.value.columns)
    assert list(profiles_table["name"]) == [NAME]

    second = hubspot_csv(tmp_path / "hubspot-2024.csv", SECOND)
    assert run_cli("import", str(second), "--db", str(db)) == 0
    assert members(db) == 4
