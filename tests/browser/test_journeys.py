"""People's tasks from start to end in headless Chromium, each against ``streamlit run app.py``
on its own database, asserting what the person sees:

- the manager downloads a template, fills it in, uploads it, reads the report and the figures,
  meets a rejected and an unrecognised file, undoes the import and still has the history;
- the manager sets a target typed with a Finnish decimal and finds it on the indicator and in
  the downloaded workbook;
- a board member opens a bookmark, signs in, reloads, visits every page, downloads and opens
  the three reports, and is refused on every manager address;
- every page in both languages: no text of the other language, no raw code, no None/nan.

On every page: no console error and no request leaving this machine.
Skipped when /usr/bin/chromium is missing, unless CI=true (then it fails instead).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from appkit.frame import SECTIONS
from data.demo import load_demo
from data.store import open_db
from i18n import t
from indicators.present import item_text
from tests.browser.accounts import BOARD, with_accounts
from tests.browser.people import (
    RUN_TIMEOUT_MS,
    assert_readable,
    choose_language,
    click,
    download,
    finished,
    grid_text,
    heading,
    open_at,
    person,
    shown_text,
    upload,
    visit,
    wait_shown,
)
from tests.browser.server import ROOT, app_server, launch
from tests.browser.workbook import FUNDING_ROWS
from tests.real_exports import forms_excel, teams_report
from tests.test_jobs_per_year import (
    FUNDING,
    LABEL_FI,
    REGISTER_2024,
    REGISTER_2025,
    REGISTER_2025_FIX,
)
from tests.test_real_exports import TEAMS_PEOPLE, pxweb_csv
from tests.test_real_exports import TITLE as STATFIN_TITLE

pytestmark = pytest.mark.browser

VIEW = {"width": 1400, "height": 1000}
EVIDENCE = ROOT / "screenshots"  # a failing journey leaves its last screen here


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app in local mode (no accounts: the manager) on the demo cluster."""
    folder = tmp_path_factory.mktemp("demo")
    with (
        _demo_db(folder / "demo.duckdb", folder / "demo.key") as db,
        app_server(db, folder / "demo.key") as url,
    ):
        yield url


@pytest.fixture(scope="module")
def empty_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app in local mode on a new, empty database, shared by the manager's import
    journeys (each asserts only what its own files change)."""
    folder = tmp_path_factory.mktemp("empty")
    with app_server(folder / "app.duckdb", folder / "app.key") as url:
        yield url


@contextmanager
def _demo_db(db: Path, key: Path) -> Iterator[Path]:
    previous = os.environ.get("KLUSTERIMITTARI_KEY_FILE")
    os.environ["KLUSTERIMITTARI_KEY_FILE"] = str(key)
    try:
        con = open_db(db)
        try:
            load_demo(con)
        finally:
            con.close()
    finally:
        if previous is None:
            os.environ.pop("KLUSTERIMITTARI_KEY_FILE")
        else:
            os.environ["KLUSTERIMITTARI_KEY_FILE"] = previous
    yield db


@contextmanager
def evidence(page: Page, name: str) -> Iterator[None]:
    """On failure, keep a screenshot of what the person last saw."""
    try:
        yield
    except BaseException:
        EVIDENCE.mkdir(exist_ok=True)
        page.screenshot(path=str(EVIDENCE / f"journey-{name}.png"), full_page=True)
        raise


def _filled(template: Path, rows: list[tuple], out: Path) -> Path:
    """The downloaded template with ``rows`` typed over its example row, saved as ``out``."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for row_no, row in enumerate(rows, start=2):
        for col_no, value in enumerate(row, start=1):
            sheet.cell(row=row_no, column=col_no, value=value)
    book.save(out)
    return out


def _unrecognised(out: Path) -> Path:
    """A workbook whose one sheet is of no kind: a head count by age group."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Taul1"
    sheet.append(["Ikäryhmä", "Henkilöitä"])
    sheet.append(["0-14", 2100])
    book.save(out)
    return out


def _report(page: Page, file_name: str):
    """The import report's box of ``file_name``."""
    return page.locator("[data-testid='stVerticalBlock']", has_text=file_name).last


# --- the manager's import, from template to undo ----------------------------------------------


def test_manager_template_fill_upload_report_undo_history(
    empty_app: str, tmp_path: Path, browser: Browser
) -> None:
    url = empty_app
    context = browser.new_context(viewport=VIEW, accept_downloads=True)
    page, watch = person(context, url)
    with evidence(page, "manager-import"):
        open_at(page, url, t("ui.page.overview", "fi"))
        expect(page.get_by_text("Ei vielä tietoja.").first).to_be_visible()

        visit(page, t("ui.page.data", "fi"))
        template = download(page, t("ui.file.funding", "fi"), tmp_path)
        assert template.name == "pohja-rahoitus.xlsx"
        filled = _filled(template, list(FUNDING_ROWS), tmp_path / "rahoitus.xlsx")
        upload(page, filled)
        report = _report(page, "rahoitus.xlsx")
        expect(report).to_contain_text("ladattu", timeout=RUN_TIMEOUT_MS)
        expect(report).to_contain_text("Rahoitus")
        finished(page)

        # The figures: 2024 paid 20 000 € by the city and 12 000 € by the members, so the
        # city's share is 20 000 / 32 000 = 62,5 %.
        visit(page, t("ui.page.funding", "fi"))
        wait_shown(page, "20\u00a0000\u00a0€", "12\u00a0000\u00a0€", "62,5\u00a0%")

        # A file with a bad amount is rejected and says where and why.
        visit(page, t("ui.page.data", "fi"))
        bad = list(FUNDING_ROWS[:1])
        bad[0] = (2024, "kaupunki", "paljon", "Loimaan kaupunki", "maksettu", None)
        upload(page, _filled(template, bad, tmp_path / "huono.xlsx"))
        report = _report(page, "huono.xlsx")
        expect(report).to_contain_text("hylätty", timeout=RUN_TIMEOUT_MS)
        issues = report.get_by_test_id("stTableStyledTable")
        expect(issues).to_contain_text("'paljon' ei ole luku (esim. 1 500,00)")
        expect(issues).to_contain_text("Rahoitus")
        finished(page)

        # A file of no known kind names its sheet and what to do.
        upload(page, _unrecognised(tmp_path / "väkiluku.xlsx"))
        report = _report(page, "väkiluku.xlsx")
        expect(report).to_contain_text(
            "Tiedostosta ei tunnistettu yhtään tuotavaa välilehteä (Taul1)",
            timeout=RUN_TIMEOUT_MS,
        )
        finished(page)
        assert_readable(page, "fi", "data after three imports")

        # The history holds all three (read as a screen reader reads the grid); the
        # loaded one is undone, and the history stays.
        for row in (
            "väkiluku.xlsx–hylätty",
            "huono.xlsxrahoitushylätty",
            "rahoitus.xlsxrahoitusladattu",
        ):
            assert row in grid_text(page, "väkiluku.xlsx")
        page.get_by_text(t("ui.data.undo_confirm", "fi")).click()
        click(page, t("ui.data.undo", "fi"))
        expect(page.get_by_text(t("data.undo.done", "fi", import_id=1))).to_be_visible(
            timeout=RUN_TIMEOUT_MS
        )
        finished(page)
        assert "rahoitus.xlsxrahoitusperuttu" in grid_text(page, "väkiluku.xlsx")
        expect(page.get_by_text(t("ui.data.undo", "fi"), exact=True)).to_have_count(0)
        assert_readable(page, "fi", "data after undo")

        visit(page, t("ui.page.funding", "fi"))
        expect(page.get_by_text("Ei vielä tietoja.").first).to_be_visible()
        assert "20\u00a0000\u00a0€" not in shown_text(page)
    context.close()
    watch.assert_clean()


# --- the manager's real exports ---------------------------------------------------------------


def _real_exports(folder: Path) -> list[Path]:
    """A Teams attendance report, a Microsoft Forms survey and a Statistics Finland table, as
    the tools write them (layouts and their sources: ``tests/real_exports.py`` and
    ``tests/test_real_exports.py``)."""
    teams = teams_report(
        folder / "meetingAttendanceReport(Aamukahvit).csv",
        "Aamukahvit: tekoäly tuotannossa",
        "03/05/23, 09:58:12",
        TEAMS_PEOPLE,
        crlf=False,
    )
    forms = forms_excel(folder)
    statfin = pxweb_csv(
        folder / "001_11ra_2021_20240115-101500.csv",
        STATFIN_TITLE,
        ['"Alue";"Vuosi";"Väkiluku"', '"KU430 Loimaa";"2020";15930', '"KU430 Loimaa";"2021";15820'],
    )
    return [teams, forms, statfin]


def test_manager_imports_real_exports_and_reads_them_in_both_languages(
    empty_app: str, tmp_path: Path, browser: Browser
) -> None:
    context = browser.new_context(viewport=VIEW, accept_downloads=True)
    page, watch = person(context, empty_app)
    with evidence(page, "real-exports"):
        open_at(page, f"{empty_app}/data", t("ui.page.data", "fi"))
        files = _real_exports(tmp_path)
        page.get_by_text(t("ui.data.options", "fi")).click()
        page.get_by_role("spinbutton", name=t("ui.data.invited", "fi")).fill("10")
        upload(page, *files)
        for f, kind in zip(files, ("participants", "survey", "regional"), strict=True):
            report = _report(page, f.name)
            expect(report).to_contain_text("ladattu", timeout=RUN_TIMEOUT_MS)
            expect(report).to_contain_text(t(f"data.kind.{kind}", "fi"))
        finished(page)
        # The event the attendance list created, its date in Finnish.
        expect(_report(page, files[0].name)).to_contain_text("(tyyppi muu, 3.5.2023)")
        assert_readable(page, "fi", "data after real exports")

        # Six answers of ten invited; five gave A6 (4,20 on average).
        visit(page, t("ui.page.surveys", "fi"))
        wait_shown(page, "60\u00a0%", "2023: 6 vastausta / 10 kutsuttua", "4,20")
        # The statistics (2020-2021) lie outside the activity's years (2023): shown, and why.
        visit(page, t("ui.page.regional", "fi"))
        note = t("ui.regional.other_years", "fi", chosen="2023", first=2020, last=2021)
        expect(page.get_by_text(note)).to_be_visible()
        expect(page.get_by_role("heading", name=t("ui.measure.population", "fi"))).to_be_visible()
        assert_readable(page, "fi", "regional statistics of other years")

        # The board's workbook of these figures, read back; a headline question the survey did
        # not ask is named by its text.
        visit(page, t("ui.page.overview", "fi"))
        wait_shown(page, f"{item_text('N3', 'fi')} · 2023: ei kysytty")
        board = openpyxl.load_workbook(
            download(page, t("ui.export.board_workbook", "fi"), tmp_path)
        )
        cells = [str(v) for row in board["Yhteenveto"].iter_rows(values_only=True) for v in row]
        assert "Henkilöosallistumiset" in cells

        # The same reports and pages in English.
        choose_language(page, "en", t("ui.page.overview", "en"))
        visit(page, t("ui.page.data", "en"))
        expect(_report(page, files[0].name)).to_contain_text("(type other, 2023-05-03)")
        assert_readable(page, "en", "data after real exports")
        visit(page, t("ui.page.regional", "en"))
        assert_readable(page, "en", "regional statistics of other years")
    context.close()
    watch.assert_clean()


# --- a target typed in Finnish, on the indicator and in the export ------------------------------


def _choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label``, as a person does: type a part of
    it and choose it from the list."""
    page.get_by_role("combobox", name=label).click()
    page.keyboard.type(option[:12])
    page.locator("[role=option]", has_text=option).first.click()
    expect(page.get_by_role("combobox", name=label)).to_have_value(option)


def test_manager_sets_a_target_with_a_finnish_decimal(
    demo_app: str, tmp_path: Path, browser: Browser
) -> None:
    context = browser.new_context(viewport=VIEW, accept_downloads=True)
    page, watch = person(context, demo_app)
    with evidence(page, "target"):
        open_at(page, f"{demo_app}/settings", t("ui.page.settings", "fi"))
        _choose(page, t("ui.column.indicator", "fi"), "ORG-1 · Sitoutuneet toimijat")
        finished(page)
        _choose(page, t("ui.column.metric", "fi"), "Jäsenten pysyvyys")
        year = page.get_by_role("spinbutton", name=t("ui.column.year", "fi"))
        year.fill("2025")
        year.press("Enter")  # submits the form before a target is typed: refused, not 0
        refused = t("ui.settings.target_not_number", "fi", value="")
        expect(page.get_by_text(refused)).to_be_visible(timeout=RUN_TIMEOUT_MS)
        finished(page)
        year.fill("2025")
        page.get_by_role("textbox", name=t("ui.column.target", "fi")).fill("0,95")
        click(page, t("ui.settings.set_target", "fi"))
        expect(
            page.get_by_text("Tavoite tallennettu: ORG-1 Jäsenten pysyvyys 2025 = 95\u00a0%")
        ).to_be_visible(timeout=RUN_TIMEOUT_MS)
        finished(page)

        visit(page, t("ui.page.cluster_org", "fi"))
        # The retention card's line under its number (the only target there is).
        wait_shown(page, "tavoite 95\u00a0%")

        book = openpyxl.load_workbook(download(page, t("ui.export.workbook", "fi"), tmp_path))
        rows = list(book["Indikaattorit"].iter_rows(values_only=True))
        header = rows[0]
        row = next(
            dict(zip(header, r))
            for r in rows[1:]
            if dict(zip(header, r))["Mittarin tunniste"] == "retention_rate"
            and dict(zip(header, r))["Vuosi"] == 2025
        )
        assert (row["Koodi"], row["Mittari"], row["Tavoite"]) == (
            "ORG-1",
            "Jäsenten pysyvyys",
            0.95,
        )
    context.close()
    watch.assert_clean()


# --- a board member ---------------------------------------------------------------------------


def _sign_in(page: Page, name: str, password: str) -> None:
    page.get_by_label(t("signin.user", "fi")).fill(name)
    page.get_by_label(t("signin.password", "fi")).fill(password)
    click(page, t("signin.submit", "fi"))


def test_board_member_signs_in_reloads_reads_downloads_and_is_refused(
    tmp_path: Path, browser: Browser
) -> None:
    with _demo_db(tmp_path / "board.duckdb", tmp_path / "board.key") as db:
        with_accounts(db)
        with app_server(db, tmp_path / "board.key") as url:
            context = browser.new_context(viewport=VIEW, accept_downloads=True)
            page, watch = person(context, url)
            with evidence(page, "board"):
                _board_journey(page, url, tmp_path)
            context.close()
            watch.assert_clean()


def _board_journey(page: Page, url: str, folder: Path) -> None:
    # A bookmark of the funding page: the sign-in page at that address, no "page not found".
    open_at(page, f"{url}/funding", t("signin.title", "fi"))
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert_readable(page, "fi", "sign-in")
    _sign_in(page, BOARD[0], "not the password")
    expect(page.get_by_text(t("signin.failed", "fi"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    _sign_in(page, *BOARD)
    expect(heading(page, t("ui.page.funding", "fi"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    finished(page)
    assert page.url.endswith("/funding")

    # A reload keeps the sign-in, and the page.
    page.reload()
    expect(heading(page, t("ui.page.funding", "fi"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    finished(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text(t("signin.signed_in_as", "fi", user=BOARD[0]))).to_be_visible()

    # Every page the board has, from the menu; none of the manager's.
    for specs in SECTIONS.values():
        for spec in specs:
            link = sidebar.get_by_role("link", name=t(spec.title, "fi"), exact=True)
            if spec.manager_only:
                expect(link).to_have_count(0)
                continue
            visit(page, t(spec.title, "fi"))
            expect(page.locator("[data-testid='stException']")).to_have_count(0)
            assert_readable(page, "fi", spec.url)

    # A chart's numbers, from under the chart: its table as a workbook, built on the click.
    visit(page, t("ui.page.cluster_org", "fi"))
    numbers = page.locator("[data-testid='stExpander']").filter(
        has_text=t("ui.chart.show_data", "fi")
    )
    numbers.first.locator("summary").click()
    table = download(page, t("ui.chart.download", "fi"), folder, within=numbers.first)
    sheet = openpyxl.load_workbook(table).worksheets[0]
    header = [cell.value for cell in sheet[3]]
    assert header[:2] == [t("ui.chart.year", "fi"), t("ui.chart.metric", "fi")]
    years = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert years and all(isinstance(year, int) and 2020 <= year <= 2030 for year in years)

    # The three reports of the overview, each opened.
    visit(page, t("ui.page.overview", "fi"))
    book = openpyxl.load_workbook(download(page, t("ui.export.workbook", "fi"), folder))
    assert book.sheetnames[0] == "Indikaattorit" and book["Indikaattorit"].max_row > 100
    board = openpyxl.load_workbook(download(page, t("ui.export.board_workbook", "fi"), folder))
    assert board.sheetnames[0] == "Yhteenveto"
    assert board["Yhteenveto"]["A2"].value.startswith("Loimaan teknologiaklusteri (demo) · ")
    html = download(page, t("ui.export.report", "fi"), folder)
    assert html.name == "klusterimittari-raportti.html"
    _read_report(page, html)

    # Every page of the board in English too: nothing Finnish, no code, no None.
    board_pages = [s for specs in SECTIONS.values() for s in specs if not s.manager_only]
    choose_language(page, "en", t("ui.page.overview", "en"))
    for spec in board_pages:
        visit(page, t(spec.title, "en"))
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        assert_readable(page, "en", f"board {spec.url}")
    choose_language(page, "fi", t(board_pages[-1].title, "fi"))

    # Every manager address is refused, in the member's language.
    for spec in (s for specs in SECTIONS.values() for s in specs if s.manager_only):
        page.goto(f"{url}/{spec.url}")
        expect(page.get_by_text(t("signin.refused_page", "fi"))).to_be_visible(
            timeout=RUN_TIMEOUT_MS
        )
        finished(page)
        expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
        expect(page.locator("h1")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)

    # Signing out ends it, a reload too.
    click(page, t("signin.sign_out", "fi"))
    expect(heading(page, t("signin.title", "fi"))).to_be_visible(timeout=RUN_TIMEOUT_MS)
    page.reload()
    expect(heading(page, t("signin.title", "fi"))).to_be_visible(timeout=RUN_TIMEOUT_MS)


def _read_report(page: Page, html: Path) -> None:
    """Open the downloaded HTML report as a file: its title, its charts, nothing fetched."""
    report, watch = person(page.context, "file://")
    report.goto(html.as_uri())
    expect(report.locator("h1")).to_have_text(t("board.title", "fi"))
    expect(report.locator("figure svg").first).to_be_visible()
    expect(report.locator("table").first).to_be_visible()
    report.close()
    watch.assert_clean()


# --- every page in both languages ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_page_reads_in_one_language(demo_app: str, browser: Browser, lang: str) -> None:
    context = browser.new_context(viewport=VIEW)
    page, watch = person(context, demo_app)
    with evidence(page, f"language-{lang}"):
        open_at(page, demo_app, t("ui.page.overview", "fi"))
        if lang != "fi":
            choose_language(page, lang, t("ui.page.overview", lang))
        for specs in SECTIONS.values():
            for spec in specs:
                visit(page, t(spec.title, lang))
                expect(page.locator("[data-testid='stException']")).to_have_count(0)
                assert_readable(page, lang, spec.url)
    context.close()
    watch.assert_clean()


# --- the manager's member registers of several years ------------------------------------------


def _jobs_change(page: Page, value: str) -> None:
    """The region page's jobs change among the same member companies reads ``value``, n = 2."""
    card = page.locator("[data-testid='stMetric']", has_text=LABEL_FI)
    expect(card.get_by_test_id("stMetricValue")).to_have_text(value, timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_text("n = 2").first).to_be_visible()


def test_manager_brings_registers_of_two_years_corrects_one_and_undoes_it(
    tmp_path: Path, browser: Browser
) -> None:
    """The registers of 2024 (a year column) and 2025 (a snapshot date), then a correction of
    2025 without a date, its year given on the Data page; the region page's jobs change among
    the same member companies follows each step, and undoing the correction brings the earlier
    figure back. The files and figures are those of ``tests/test_jobs_per_year.py``, worked out
    by hand there: Alfa +2 and Beta +1 = 3 (n = 2); corrected, Alfa +4 and Beta +1 = 5."""
    files = {}
    for name, text in (
        ("rahoitus.csv", FUNDING),
        ("jasenet-2024.csv", REGISTER_2024),
        ("jasenet-2025.csv", REGISTER_2025),
        ("jasenet.csv", REGISTER_2025_FIX),
    ):
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    with app_server(tmp_path / "k.duckdb", tmp_path / "k.key") as url:
        context = browser.new_context(viewport=VIEW)
        page, watch = person(context, url)
        with evidence(page, "registers"):
            open_at(page, f"{url}/data", t("ui.page.data", "fi"))
            for name in ("rahoitus.csv", "jasenet-2024.csv", "jasenet-2025.csv"):
                upload(page, files[name])
                expect(_report(page, name)).to_contain_text("ladattu", timeout=RUN_TIMEOUT_MS)
                finished(page)
            visit(page, t("ui.page.region", "fi"))
            _jobs_change(page, "3")

            # The correction has no date: its year is given before the upload.
            visit(page, t("ui.page.data", "fi"))
            page.get_by_text(t("ui.data.options", "fi")).click()
            year = page.get_by_role("spinbutton", name=t("ui.data.register_year", "fi"))
            year.click()
            year.press_sequentially("2025")  # typed, as a person does: a filled value is lost
            year.press("Tab")
            finished(page)
            expect(year).to_have_value("2025")
            upload(page, files["jasenet.csv"])
            expect(_report(page, "jasenet.csv")).to_contain_text("ladattu", timeout=RUN_TIMEOUT_MS)
            finished(page)
            visit(page, t("ui.page.region", "fi"))
            _jobs_change(page, "5")

            # Undoing the correction (the newest import) restores the 2025 register's counts.
            visit(page, t("ui.page.data", "fi"))
            assert "jasenet.csvjäsenetladattu" in grid_text(page, "jasenet.csv")
            page.get_by_text(t("ui.data.undo_confirm", "fi")).click()
            click(page, t("ui.data.undo", "fi"))
            expect(page.get_by_text(t("data.undo.done", "fi", import_id=4))).to_be_visible(
                timeout=RUN_TIMEOUT_MS
            )
            finished(page)
            visit(page, t("ui.page.region", "fi"))
            _jobs_change(page, "3")
        context.close()
        watch.assert_clean()
