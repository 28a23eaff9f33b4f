"""The Streamlit app, page by page, through AppTest; and the view helpers behind the pages.

Every page runs on an empty database and on the demo cluster without an exception, with its
title, its charts and metrics; the language switch gives English titles; the board role gets
no Data or Settings pages; a filled template uploaded on the Data page loads and shows its
report.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from appkit.context import Ctx
from appkit.downloads import documents
from appkit.frame import SECTIONS
from appkit.markdown import escape
from appkit.stories import story_details
from charts import colours, figures
from charts.indicator_view import (
    Series,
    cards,
    family_chart,
    results_frame,
    targets_frame,
    with_figures,
)
from data.demo import load_demo
from data.importer import import_file
from data.store import open_db
from i18n import t
from indicators.compute import compute
from indicators.present import format_value
from indicators.record import RECIPIENTS, Result
from indicators.registry import built_in
from tests.browser.workbook import FUNDING_ROWS, filled_template

ROOT = Path(__file__).resolve().parents[1]
SPECS = {spec.file: spec for specs in SECTIONS.values() for spec in specs}
PAGES = list(SPECS)
MANAGER_ONLY = [file for file, spec in SPECS.items() if spec.manager_only]
# Charts each page draws on the demo cluster (at least).
DEMO_CHARTS = {
    "pages/overview.py": 4,
    "pages/clusters.py": 0,  # one cluster in the demo: nothing to set side by side
    "pages/region.py": 2,
    "pages/cluster-organisation.py": 7,
    "pages/rdi-actors.py": 1,
    "pages/companies.py": 2,
    "pages/public-sector.py": 3,
    "pages/members.py": 6,
    "pages/events.py": 4,
    "pages/surveys.py": 1,
    "pages/funding.py": 4,
    "pages/success-stories.py": 0,
    "pages/regional-context.py": 1,
    "pages/data.py": 0,
    "pages/settings.py": 0,
    "pages/audit-log.py": 0,
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the demo cluster (its key file lies next to it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    con = open_db(path)
    load_demo(con)
    con.close()
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    return tmp_path / "empty.duckdb"


def start(db: Path, monkeypatch: pytest.MonkeyPatch, **state: object) -> AppTest:
    """The app on ``db``, run once, with ``state`` set in the session before that run."""
    monkeypatch.setenv("KLUSTERIMITTARI_DB", str(db))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


def open_page(app: AppTest, page: str) -> AppTest:
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("page", PAGES)
def test_page_on_empty_database(page: str, empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(start(empty_db, monkeypatch), page)
    assert app.title[0].value == t(SPECS[page].title, "fi")
    if not SPECS[page].manager_only:
        # The empty state names the files that fill the page.
        assert any(t("ui.empty.upload", "fi").split(".")[0] in info.value for info in app.info)
        assert not app.get("plotly_chart")


@pytest.mark.parametrize("page", PAGES)
def test_page_on_demo(page: str, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(start(demo_db, monkeypatch), page)
    assert app.title[0].value == t(SPECS[page].title, "fi")
    assert len(app.get("plotly_chart")) >= DEMO_CHARTS[page]
    assert not app.error


@pytest.mark.parametrize("recipient", RECIPIENTS)
def test_recipient_page_shows_each_indicator_with_metrics(
    recipient: str, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = {
        "region": "pages/region.py",
        "cluster_org": "pages/cluster-organisation.py",
        "rdi": "pages/rdi-actors.py",
        "companies": "pages/companies.py",
        "public_sector": "pages/public-sector.py",
    }[recipient]
    app = open_page(start(demo_db, monkeypatch), page)
    headers = [h.value for h in app.subheader]
    codes = [code for code, entry in built_in().items() if entry.recipient == recipient]
    assert codes and all(any(h.startswith(f"{code} · ") for h in headers) for code in codes)
    assert app.metric, "every recipient has at least one metric with data in the demo"
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels.count(t("ui.export.workbook", "fi")) == 1


def test_org1_card_leads_with_participation_not_member_count(demo_db: Path) -> None:
    """The cookbook warns against headlining the member count: ORG-1's first number and its
    trend chart are the participating member share."""
    con = duckdb.connect(str(demo_db))  # the app's open database, shared within the process
    try:
        rows = results_frame(compute(con, built_in(), "default", codes=["ORG-1"]), "fi")
    finally:
        con.close()
    [card] = cards(
        rows,
        targets_frame([]),
        built_in(),
        recipient="cluster_org",
        years=(2000, 2100),
        lang="fi",
    )
    assert card.headline[0].metric == "participating_member_share"
    card = with_figures(
        card,
        built_in()["ORG-1"],
        recipient="cluster_org",
        lang="fi",
        target_label="T",
        suppressed_label="–",
    )
    assert card.trend.metric == "participating_member_share"
    assert card.trend_figure["data"][0]["name"] == "Osallistuneiden jäsenten osuus"


def test_overview_board_view(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(start(demo_db, monkeypatch, role="board"), "pages/overview.py")
    subheaders = [h.value for h in app.subheader]
    assert t("ui.overview.funding", "fi") in subheaders
    assert t("ui.overview.members", "fi", year=2025) in subheaders
    assert t("ui.overview.participation", "fi") in subheaders
    assert t("ui.overview.survey", "fi") in subheaders
    # Survey headline: the response rate with respondents and invited, item means with n.
    assert "Vastausprosentti" in [m.label for m in app.metric]
    assert any("n = " in caption.value for caption in app.caption)
    # Excel export, the HTML report and the board workbook; every chart's numbers besides.
    labels = [b.proto.label for b in app.get("download_button")]
    exports = ("workbook", "report", "board_workbook")
    assert all(labels.count(t(f"ui.export.{name}", "fi")) == 1 for name in exports)
    assert labels.count(t("ui.chart.download", "fi")) >= 4


def test_language_switch_gives_english(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert start(demo_db, monkeypatch).title[0].value == "Yleiskuva"
    # The sidebar radio keeps its choice in session_state["lang"] (the browser test clicks it).
    app = start(demo_db, monkeypatch, lang="en")
    assert app.title[0].value == "Overview"
    assert app.radio(key="lang_choice").value == "en"
    app = open_page(app, "pages/funding.py")
    assert app.title[0].value == "Funding"
    assert t("ui.funding.by_source", "en") in [h.value for h in app.subheader]
    app = open_page(app, "pages/cluster-organisation.py")
    assert any(h.value == "ORG-1 · Committed actors" for h in app.subheader)


def test_regional_units_and_sources_in_english(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's Finnish units and source line ("henkeä", "Havainnollistava …") are named in
    English on the English page."""
    app = open_page(start(demo_db, monkeypatch, lang="en"), "pages/regional-context.py")
    captions = {c.value for c in app.caption}
    source = "Source: Illustrative example value \\(not official statistics\\)"
    assert f"persons · {source}" in captions
    assert f"jobs · {source}" in captions
    assert not any("henkeä" in text or "Havainnollistava" in text for text in captions)


@pytest.mark.parametrize("page", MANAGER_ONLY)
def test_board_gets_no_data_or_settings(
    page: str, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = start(demo_db, monkeypatch, role="board")
    with pytest.raises(ValueError):
        app.switch_page(page)
    manager = start(demo_db, monkeypatch)
    open_page(manager, page)


def test_board_sees_no_open_answers_or_passive_list(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = open_page(start(demo_db, monkeypatch, role="board"), "pages/surveys.py")
    assert t("ui.survey.open", "fi") not in [h.value for h in board.subheader]
    board = open_page(board, "pages/members.py")
    assert t("analytics.members.paying_passive", "fi") not in [h.value for h in board.subheader]
    manager = open_page(start(demo_db, monkeypatch), "pages/surveys.py")
    assert t("ui.survey.open", "fi") in [h.value for h in manager.subheader]


def test_paying_passive_fees_read_in_euros(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fee column is shown as ``400 €`` (downloaded as the number 400 in euro format)."""
    manager = open_page(start(demo_db, monkeypatch), "pages/members.py")
    fees = [f.value["annual_fee_eur"] for f in manager.dataframe if "annual_fee_eur" in f.value]
    assert fees and set(fees[0]) >= {"400\u00a0€"}


def test_survey_page_without_open_answers(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A survey whose export has no open questions: the manager's page says there are no
    open answers instead of failing."""
    survey = empty_db.parent / "kysely.csv"
    rows = ["A6. Klusterin toiminta palvelee organisaatiotamme.;N1. Jäsenet luottavat toisiinsa."]
    rows += ["täysin samaa mieltä;jokseenkin samaa mieltä"] * 6
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    con = open_db(empty_db)
    report = import_file(con, survey, kind="survey", survey_year=2024, invited=10)
    con.close()
    assert report.status == "loaded", report.summary("en")
    manager = open_page(start(empty_db, monkeypatch), "pages/surveys.py")
    assert t("ui.survey.no_open", "fi") in [caption.value for caption in manager.caption]


def test_upload_on_data_page_loads_and_reports(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(start(empty_db, monkeypatch), "pages/data.py")
    content = filled_template("funding", FUNDING_ROWS)
    app.get("file_uploader")[0].set_value(
        (
            "rahoitus.xlsx",
            content,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    )
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    reports = app.session_state["import_reports"]
    assert [r.status for r in reports] == ["loaded"]
    assert reports[0].rows_loaded == 3
    assert any(escape("rahoitus.xlsx") in m.value for m in app.markdown)
    # The year range now covers the funding years, and the overview draws the funding chart.
    app = open_page(app, "pages/overview.py")
    assert (
        t("ui.scope.years", "fi", cluster="Klusteri", first=2024, last=2025) in app.caption[0].value
    )
    assert app.get("plotly_chart")


def test_bad_upload_reports_row_and_column(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(start(empty_db, monkeypatch), "pages/data.py")
    content = filled_template("funding", [(2024, "kaupunki", "paljon", None, "maksettu", None)])
    app.get("file_uploader")[0].set_value(("huono.xlsx", content, "application/octet-stream"))
    app.button[0].click().run()
    report = app.session_state["import_reports"][0]
    assert report.status == "rejected"
    issue = report.issues[0]
    assert (issue.row, issue.sheet) == (2, "Rahoitus")
    shown = app.table[0].value
    assert shown[["Välilehti", "Rivi"]].values.tolist() == [["Rahoitus", "2"]]


def _button(app: AppTest, key: str) -> object:
    label = t(key, "fi")
    return next(button for button in app.button if button.label == label)


def _upload_funding(app: AppTest) -> AppTest:
    content = filled_template("funding", FUNDING_ROWS)
    app.get("file_uploader")[0].set_value(("rahoitus.xlsx", content, "application/octet-stream"))
    _button(app, "ui.data.import").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_undo_on_data_page_removes_the_import(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _upload_funding(open_page(start(empty_db, monkeypatch), "pages/data.py"))
    history = next(df.value for df in app.dataframe if "import_id" in df.value.columns)
    assert list(history["status"]) == [t("data.status.loaded", "fi")]
    app.checkbox[0].check()
    _button(app, "ui.data.undo").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert t("data.undo.done", "fi", import_id=1) in [s.value for s in app.success]
    history = next(df.value for df in app.dataframe if "import_id" in df.value.columns)
    assert list(history["status"]) == [t("data.status.undone", "fi")]
    app = open_page(app, "pages/overview.py")
    assert not app.get("plotly_chart")


def _upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.get("file_uploader")[0].set_value((name, content, "application/octet-stream"))
    _button(app, "ui.data.import").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _unknown_workbook() -> bytes:
    """A workbook whose one sheet fits no kind (a head count by age group)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Taul1"
    sheet.append(["Ikäryhmä", "Henkilöitä"])
    sheet.append(["0-14", 2100])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_data_page_keeps_working_after_rejected_and_unrecognised_files(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file rejected before any sheet was recognised has no kind; the history still shows
    (it crashed on the missing kind) and undo still offers the loaded import."""
    app = open_page(start(empty_db, monkeypatch), "pages/data.py")
    app = _upload(app, "väkiluku.xlsx", _unknown_workbook())
    errors = [e.value for e in app.error]
    assert errors == [
        (
            "Tiedostosta ei tunnistettu yhtään tuotavaa välilehteä (Taul1); mitään ei ladattu. "
            "Kerro sarakkeiden merkitys alla olevalla painikkeella ”Yhdistä sarakkeet” tai "
            "kopioi tiedot valmiiseen pohjaan."
        )
    ]
    # The advice points to the button below it, not to the command line.
    assert [b.label for b in app.button if b.label.startswith("Yhdistä sarakkeet")] == [
        "Yhdistä sarakkeet: Taul1"
    ]
    assert [c.value for c in app.caption if c.value.startswith("Välilehti")] == [
        (
            "Välilehti Taul1 ohitettiin: välilehden lajia ei tunnistettu nimestä eikä "
            "sarakkeiden otsikoista"
        )
    ]
    app = _upload(app, "raportti.xlsx", b"PK\x03\x04 not really a workbook")
    app = _upload_funding(app)
    app = open_page(app, "pages/data.py")
    history = next(df.value for df in app.dataframe if "import_id" in df.value.columns)
    assert history[["file_name", "kinds", "status"]].values.tolist() == [
        ["rahoitus.xlsx", "rahoitus", "ladattu"],
        ["raportti.xlsx", "–", "hylätty"],
        ["väkiluku.xlsx", "–", "hylätty"],
    ]
    # The log keeps the advice the manager was given, not the command line's.
    con = duckdb.connect(str(empty_db))  # the app's open database, shared within the process
    try:
        [(logged,)] = con.execute(
            "SELECT message FROM import_log WHERE file_name = 'väkiluku.xlsx'"
        ).fetchall()
    finally:
        con.close()
    assert "”Yhdistä sarakkeet”" in logged and "--kind" not in logged
    assert app.selectbox[-1].options == ["3 · rahoitus.xlsx"]


def test_a_sheet_of_two_kinds_is_pointed_to_the_mapping_step(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Otsikko, Päivämäärä, Tyyppi" is a whole event sheet and a whole outcome sheet: the app
    points to its mapping button, never to the command line's --kind."""
    book = openpyxl.Workbook()
    book.active.title = "Taul1"
    book.active.append(["Otsikko", "Päivämäärä", "Tyyppi"])
    out = io.BytesIO()
    book.save(out)
    app = _upload(
        open_page(start(empty_db, monkeypatch), "pages/data.py"), "x.xlsx", out.getvalue()
    )
    assert [c.value for c in app.caption if c.value.startswith("Välilehti")] == [
        (
            "Välilehti Taul1 ohitettiin: välilehti sopii usealle lajille (tapahtumat, "
            "menestystarinat); valitse laji painikkeella ”Yhdistä sarakkeet” tai nimeä "
            "välilehti uudelleen"
        )
    ]
    assert "--kind" not in " ".join(e.value for e in app.error)
    assert any(b.label == "Yhdistä sarakkeet: Taul1" for b in app.button)


def test_event_date_typed_in_finnish_and_a_bad_one_refused(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event date is typed as a Finnish date (no English date picker or placeholder); a
    text that is not a date imports nothing and says how to write it."""
    app = open_page(start(empty_db, monkeypatch), "pages/data.py")
    date = app.text_input(key="import_event_date")
    assert date.placeholder == "pp.kk.vvvv"
    date.set_value("31.2.2025")
    app = _upload(app, "rahoitus.xlsx", filled_template("funding", FUNDING_ROWS))
    assert [e.value for e in app.error] == [
        (
            "Mitään ei tuotu: tapahtuman päivämäärä ”31\\.2\\.2025” ei ole päivämäärä. "
            "Kirjoita se muodossa 15.5.2023."
        )
    ]
    assert "import_reports" not in app.session_state


def test_import_issues_read_in_full_with_their_place_in_columns(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [(2024, "kaupunki", "paljon", "Loimaan kaupunki", "maksettu", None)]
    app = open_page(start(empty_db, monkeypatch), "pages/data.py")
    app = _upload(app, "rahoitus.xlsx", filled_template("funding", rows))
    table = app.table[0].value  # Markdown cells: uploaded text and punctuation escaped
    assert table.values.tolist() == [
        ["Virhe", "Rahoitus", "2", "Summa \\*", "'paljon' ei ole luku \\(esim\\. 1 500,00\\)"],
    ]


@pytest.mark.parametrize("role", ["manager", "board"])
def test_every_download_on_the_overview_builds_and_is_audited(
    role: str, demo_db: Path, tmp_path: Path
) -> None:
    """The three documents of the overview (the board workbook failed for everyone, and the
    HTML report left no audit entry) open for both roles and each leaves one audit entry."""
    db = tmp_path / "copy.duckdb"
    db.write_bytes(demo_db.read_bytes())
    ctx = Ctx(str(db), "v", "default", "Demo", (2023, 2025), "fi", role, "lukija", built_in())
    con = open_db(db)
    try:
        built = {name: build(con.cursor()) for name, _mime, build in documents(ctx, board=True)}
        entries = con.execute(
            "SELECT user_name, detail FROM audit_log WHERE action = 'export' ORDER BY rowid"
        ).fetchall()
    finally:
        con.close()
    assert openpyxl.load_workbook(io.BytesIO(built["workbook"])).sheetnames[0] == "Indikaattorit"
    assert openpyxl.load_workbook(io.BytesIO(built["board_workbook"])).sheetnames[0] == (
        "Yhteenveto"
    )
    assert built["report"].startswith("<!DOCTYPE html><html lang='fi'>")
    assert [user for user, _detail in entries] == ["lukija"] * 3
    assert [detail.split()[:2] for _user, detail in entries] == [
        ["indicators", "fi"],
        ["board", "page"],
        ["board", "workbook"],
    ]


def test_settings_save_profile_and_target(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(start(empty_db, monkeypatch), "pages/settings.py")
    app.text_input[0].set_value("Loimaan teknologiaklusteri")
    app.text_area[1].set_value("Veturiyritys\nPerusjäsen\n\nPerusjäsen")
    _button(app, "ui.settings.save").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert t("ui.settings.saved", "fi") in [s.value for s in app.success]
    assert app.caption[0].value.endswith("Loimaan teknologiaklusteri")
    assert app.text_area[1].value == "Veturiyritys\nPerusjäsen"

    app.selectbox(key="target_code").set_value("ORG-4").run()
    app.selectbox(key="target_metric").set_value("events_held")
    app.number_input[0].set_value(2026)
    # Submitting with the target left empty (Enter in the year field) stores nothing.
    _button(app, "ui.settings.set_target").click().run()
    assert [e.value for e in app.error] == [
        "Tavoitetta ei tallennettu: anna tavoite lukuna (esim. 4,2 tai 40 %), nyt kentässä on ””."
    ]
    assert not any("code" in df.value.columns for df in app.dataframe)
    app.text_input(key="target_value").set_value("12,5")
    _button(app, "ui.settings.set_target").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert [m.value for m in app.success] == [
        "Tavoite tallennettu: ORG-4 Järjestetyt tapahtumat 2026 = 12,50"
    ]
    targets = next(df.value for df in app.dataframe if "code" in df.value.columns)
    assert targets[["code", "year", "value"]].to_dict("records") == [
        {"code": "ORG-4", "year": 2026, "value": "12,50"}
    ]
    assert targets["metric"].tolist() == ["Järjestetyt tapahtumat"]


def test_settings_staff_in_finnish_decimals(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_page(start(empty_db, monkeypatch), "pages/settings.py")
    app.text_input[1].set_value("1,5")
    _button(app, "ui.settings.save").click().run()
    assert t("ui.settings.saved", "fi") in [s.value for s in app.success]
    assert app.text_input[1].value == "1,5"
    app.text_input[1].set_value("puolikas")
    _button(app, "ui.settings.save").click().run()
    assert [e.value for e in app.error] == [
        (
            "Perustietoja ei tallennettu: henkilöstö on henkilötyövuosina luku 0–100 "
            "(esim. 1,5), nyt kentässä on ”puolikas”."
        )
    ]


# --- view helpers ------------------------------------------------------------------------------


def _result(
    metric: str,
    year: int,
    value: float | None,
    *,
    unit: str = "count",
    n: int | None = None,
    suppressed: bool = False,
    code: str = "ORG-4",
) -> Result:
    return Result(
        code,
        metric,
        year,
        value,
        unit,
        n,
        suppressed,
        "Yhteistyön määrä",
        "Quantity",
        "cluster_org",
        "ADM",
        None,
    )


def test_cards_split_headline_and_families_with_targets() -> None:
    results = results_frame(
        [
            _result("events_held", 2023, 4),
            _result("events_held", 2024, 6),
            _result("participating_orgs_by_type.company", 2024, 3),
            _result("participating_orgs_by_type.rdi", 2024, 1),
            _result("events_held", 2025, 9),  # outside the selected years
        ],
        "fi",
    )
    goals = targets_frame([{"code": "ORG-4", "metric": "events_held", "year": 2024, "value": 8.0}])
    [card] = cards(
        results, goals, built_in(), recipient="cluster_org", years=(2023, 2024), lang="fi"
    )
    [events] = card.headline
    assert events.label == "Järjestetyt tapahtumat"
    assert list(events.frame["year"]) == [2023, 2024]
    assert list(events.frame["target"].fillna(-1)) == [-1, 8.0]
    assert events.latest["value"] == 6 and list(events.known["value"]) == [4, 6]
    assert [s.metric for s in card.families["participating_orgs_by_type"]] == [
        "participating_orgs_by_type.company",
        "participating_orgs_by_type.rdi",
    ]
    assert card.has_data


def test_suppressed_value_counts_as_known_but_has_no_number() -> None:
    results = results_frame(
        [_result("mean.A6", 2024, None, unit="score", n=3, suppressed=True, code="ORG-5")], "en"
    )
    [card] = cards(
        results,
        targets_frame([]),
        built_in(),
        recipient="cluster_org",
        years=(2024, 2024),
        lang="en",
    )
    [series] = card.families["mean"]
    assert series.latest["suppressed"] and pd.isna(series.latest["value"])
    assert series.label == "Mean (1–5): The cluster's activity serves our organisation"


def test_format_value_by_unit_and_language() -> None:
    assert format_value(1234.5, "eur", "fi") == "1\u00a0234,50\u00a0€"
    assert format_value(25000, "eur", "fi") == "25\u00a0000\u00a0€"
    assert format_value(1234.5, "eur", "en") == "€1,234.50"
    assert format_value(0.125, "share", "fi") == "12,5\u00a0%"
    assert format_value(0.4, "share", "fi") == "40\u00a0%"
    assert format_value(-0.125, "ratio", "en") == "−12.5%"
    assert format_value(3.25, "score", "fi") == "3,25"
    assert format_value(None, "count", "fi") == "–"


def test_markdown_escape_neutralises_uploaded_text() -> None:
    assert escape("[klik](http://x) **a**_b_") == (
        "\\[klik\\]\\(http\\://x\\) \\*\\*a\\*\\*\\_b\\_"
    )
    assert escape("Esimerkki Oy") == "Esimerkki Oy"


def test_recipient_colours_come_from_the_theme_and_differ() -> None:
    found = [colours.recipient_colour(r) for r in RECIPIENTS]
    assert len(set(found)) == len(RECIPIENTS)
    assert found == list(colours.palette()[: len(RECIPIENTS)])


def test_charts_use_finnish_separators_patterns_and_value_labels() -> None:
    rows = pd.DataFrame(
        {"year": [2024, 2024, 2025], "group": ["a", "b", "a"], "amount": [1500.0, 2500.0, 1000.0]}
    )
    fig = figures.stacked_bars(
        rows, x="year", series="group", value="amount", labels={"a": "A"}, unit="eur", lang="fi"
    )
    assert fig.layout.separators == ", "
    assert [trace.name for trace in fig.data] == ["A", "b"]
    assert list(fig.data[0].text) == ["1\u00a0500\u00a0€", "1\u00a0000\u00a0€"]
    assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape
    assert fig.layout.xaxis.type == "category"
    english = figures.lines(
        rows[rows["group"] == "a"], x="year", columns={"amount": "A"}, unit="share", lang="en"
    )
    assert english.layout.separators == ".,"
    assert list(english.data[0].y) == [150000.0, 100000.0]  # shares are drawn as percentages


def test_a_count_chart_of_zeros_has_whole_number_ticks() -> None:
    """Participants none of whose organisations is known: the bars are 0, the axis 0 to 1."""
    rows = pd.DataFrame({"year": [2023, 2023], "type": ["company", "rdi"], "orgs": [0, 0]})
    fig = figures.stacked_bars(
        rows, x="year", series="type", value="orgs", labels={}, unit="count", lang="fi"
    )
    assert (tuple(fig.layout.yaxis.range), fig.layout.yaxis.dtick) == ((0, 1), 1)
    sideways = figures.stacked_bars(
        rows, x="year", series="type", value="orgs", labels={}, unit="count", lang="fi",
        horizontal=True,
    )  # fmt: skip
    assert (sideways.layout.yaxis.range, sideways.layout.xaxis.dtick) == (None, 1)


def test_paid_and_committed_bars_side_by_side() -> None:
    rows = pd.DataFrame(
        {
            "year": [2024, 2024],
            "funding_group": ["members", "projects"],
            "paid_eur": [15000.0, 0.0],
            "committed_eur": [0.0, 5000.0],
        }
    )
    fig = figures.paid_vs_committed(
        rows,
        series="funding_group",
        labels={},
        lang="fi",
        status_labels={"paid_eur": "Maksettu", "committed_eur": "Sitoumus"},
    )
    assert list(fig.data[0].x) == ["2024<br>Maksettu", "2024<br>Sitoumus"]
    assert list(fig.data[0].y) == [15000.0, None]
    assert list(fig.data[1].y) == [None, 5000.0]
    assert fig.data[1].marker.pattern.shape[1] == "/"  # committed bars are hatched


def test_side_by_side_draws_one_grouped_trace_per_column() -> None:
    rows = pd.DataFrame({"year": [2025, 2024], "new": [3, 5], "left": [1, 0]})
    fig = figures.side_by_side(
        rows, x="year", columns={"new": "Uudet", "left": "Lähteneet"}, unit="count", lang="fi"
    )
    assert fig.layout.barmode == "group"
    assert [trace.name for trace in fig.data] == ["Uudet", "Lähteneet"]
    assert list(fig.data[0].x) == ["2024", "2025"]
    assert list(fig.data[0].y) == [5, 3]
    assert list(fig.data[1].y) == [0, 1]


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Each test starts from empty Streamlit caches (results are keyed by database path too)."""
    st.cache_data.clear()
    yield


@pytest.mark.parametrize(
    ("lang", "country", "shown"),
    [
        ("fi", "EE", "Maa: Viro"),
        ("en", "ee", "Country: Estonia"),
        ("fi", "Ruotsi", "Maa: Ruotsi"),
        ("en", "XZ", "Country: XZ"),
    ],
)
def test_story_country_named_not_coded(lang: str, country: str, shown: str) -> None:
    assert story_details({"country": country}, lang) == [shown]


def test_survey_items_are_named_on_the_chart_axis() -> None:
    """A survey family's bars are named by the item's text on the axis, not by its code with
    the texts in a footnote."""
    frame = pd.DataFrame(
        [{"year": 2025, "value": 3.9, "n": 14, "suppressed": False, "target": None, "note": None}]
    )
    members = [Series("mean.A6", "A6", "score", frame)]
    family = family_chart(built_in()["ORG-5"], "mean", members, "#1f5f8b", "en")
    assert family is not None
    axis = [name for trace in family.figure["data"] for name in trace["y"]]  # down the side
    assert axis == ["A6 The cluster's<br>activity serves our<br>organisation."]
