"""Two manager journeys on the Data page in headless Chromium.

A member register that would remove 38 of 40 members: upload, see who would leave, cancel
(nothing changes), upload again and confirm (replaced), undo (the 40 are back). And a HubSpot
company export the program does not know: upload, map its columns, preview, save the profile
and import; a second export with the same headers then imports with no questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from data.store import open_db
from i18n import t
from tests.browser.server import app_server, launch, open_page, settle
from tests.import_helpers import workbook
from tests.test_profiles import FIELDS, FIRST, HEADER, NAME, SECOND, hubspot_csv
from tests.test_register_preview import FORTY, THREE

pytestmark = pytest.mark.browser


def fi(key: str, **fields: object) -> str:
    return t(key, "fi", **fields)


def upload(page: Page, path: Path) -> None:
    dropzone = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    dropzone.set_input_files([])  # the same file chosen again must count as a change
    dropzone.set_input_files(str(path))
    chip = page.locator("[data-testid='stFileChip']").filter(has_text=path.name)
    expect(chip).to_have_count(1)  # attached, ready to import
    page.get_by_role("button", name=fi("ui.data.import"), exact=True).click()
    settle(page, timeout_ms=60_000)


def report_of(page: Page, name: str):
    return page.locator("[data-testid='stMarkdown']", has_text=name).first


def choose(page: Page, label: str | re.Pattern[str], option: str) -> None:
    """Pick ``option`` in the selectbox (a combobox named by its label) ``label``."""
    box = page.get_by_role("combobox", name=label)
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):  # a rerun that ends just then may close the list again
        page.get_by_role("group").filter(has=box).get_by_role("button", name="Open").click()
        try:
            wanted.click(timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            settle(page)
    else:
        page.screenshot(path="/tmp/choose-failed.png")
        raise AssertionError(f"option {option!r} of {label!r} could not be chosen")
    settle(page)


@contextmanager
def data_page(db: Path) -> Iterator[Page]:
    """The Data page of the app on ``db`` in headless Chromium; no script error may occur on
    it until the block ends."""
    with app_server(db, db.with_suffix(".key")) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        settle(page)
        open_page(page, fi("ui.page.data"))
        yield page
        browser.close()
    assert errors == []


def test_register_preview_cancel_confirm_undo(tmp_path: Path) -> None:
    forty = workbook(tmp_path / "jasenet.xlsx", {"Jäsenet": FORTY})
    three = workbook(tmp_path / "kolme.xlsx", {"Jäsenet": THREE})
    db = tmp_path / "app.duckdb"
    with data_page(db) as page:
        upload(page, forty)
        expect(report_of(page, "jasenet.xlsx")).to_contain_text(fi("data.status.loaded"))

        upload(page, three)
        # The warning names the counts (its share, "95 %", holds a no-break space).
        warning = fi("ui.register.warning", current=40, removed=38, share="95\u00a0%")
        warning = warning.split("(")[0].strip()
        expect(page.get_by_text(warning)).to_be_visible()
        leave = page.locator("[data-testid='stMetric']", has_text=fi("ui.register.leaves"))
        expect(leave).to_contain_text("38")
        page.get_by_role("button", name=fi("ui.register.cancel")).click()
        settle(page)
        expect(page.get_by_text(fi("ui.register.cancelled", file="kolme.xlsx"))).to_be_visible()
        expect(page.get_by_role("button", name=fi("ui.register.confirm"))).to_have_count(0)

        upload(page, three)  # the register is still the forty: the same preview again
        expect(page.get_by_text(warning)).to_be_visible()
        page.get_by_role("button", name=fi("ui.register.confirm")).click()
        settle(page, timeout_ms=60_000)
        expect(report_of(page, "kolme.xlsx")).to_contain_text(fi("data.status.loaded"))
        replaced = fi("data.register.summary", current=40, joins=1, leaves=38, changes=1)
        expect(page.get_by_text(replaced)).to_be_visible()

        # Undo the replacement from the history: the last loaded import is offered first.
        undo_form = page.locator("[data-testid='stForm']", has_text=fi("ui.data.undo_choice"))
        undo_form.get_by_text(fi("ui.data.undo_confirm")).click()
        undo_form.get_by_role("button", name=fi("ui.data.undo")).click()
        settle(page)
        expect(page.get_by_text(fi("data.undo.done", import_id=4))).to_be_visible()

        upload(page, forty)  # the forty are back: reloading them removes nobody
        unchanged = fi("data.register.summary", current=40, joins=0, leaves=0, changes=0)
        expect(page.get_by_text(unchanged)).to_be_visible()
    con = open_db(db)
    try:
        assert con.execute("SELECT count(*) FROM v_member").fetchone() == (40,)
        assert con.execute(
            "SELECT file_name, status FROM import_log ORDER BY import_id"
        ).fetchall() == [
            ("jasenet.xlsx", "loaded"),
            ("kolme.xlsx", "rejected"),
            ("kolme.xlsx", "rejected"),
            ("kolme.xlsx", "undone"),
            ("jasenet.xlsx", "loaded"),
        ]
    finally:
        con.close()


def test_unknown_layout_mapped_then_same_headers_import_without_questions(
    tmp_path: Path,
) -> None:
    first = hubspot_csv(tmp_path / "hubspot.csv", FIRST)
    second = hubspot_csv(tmp_path / "hubspot-2024.csv", SECOND)
    db = tmp_path / "app.duckdb"
    with data_page(db) as page:
        upload(page, first)
        expect(report_of(page, "hubspot.csv")).to_contain_text(fi("data.status.rejected"))

        page.get_by_role("button", name=fi("ui.mapping.start", sheet="hubspot")).click()
        settle(page)
        expect(page.get_by_text(fi("ui.mapping.intro"))).to_be_visible()
        choose(page, fi("ui.mapping.kind"), fi("data.kind.members"))
        labels = {
            "name": "Organisaation nimi",
            "member_since": "Jäsen alkaen",
            "employees": "Henkilöstö",
            "turnover_eur": "Liikevaihto (€)",
            "municipality": "Kunta",
            "sector": "Toimiala",
        }
        for header, field in zip(HEADER.split(","), FIELDS, strict=True):
            if field is not None:
                choose(page, re.compile(f"· {re.escape(header)}$"), labels[field])
        page.get_by_role("button", name=fi("ui.mapping.preview")).click()
        settle(page)
        counts = fi("ui.mapping.preview_counts", read=3, rejected=0)
        expect(page.get_by_text(counts)).to_be_visible()

        name = page.get_by_label(fi("ui.mapping.name"))
        name.fill(NAME)
        page.get_by_role("button", name=fi("ui.mapping.save")).click()
        settle(page, timeout_ms=60_000)
        expect(page.get_by_text(fi("ui.mapping.saved", name=NAME))).to_be_visible()
        expect(report_of(page, "hubspot.csv")).to_contain_text(fi("data.status.loaded"))

        upload(page, second)
        expect(report_of(page, "hubspot-2024.csv")).to_contain_text(fi("data.status.loaded"))
        profile = fi("data.report.profile", profile=NAME)
        expect(page.get_by_text(f"hubspot-2024: {profile}")).to_be_visible()
        expect(
            page.get_by_role("button", name=fi("ui.mapping.start", sheet="hubspot-2024"))
        ).to_have_count(0)
        expect(page.get_by_text(fi("ui.mapping.intro"))).to_have_count(0)
        page.screenshot(path=str(tmp_path / "mapped.png"), full_page=True)
    con = open_db(db)
    try:
        assert con.execute("SELECT count(*) FROM v_member").fetchone() == (4,)
        assert con.execute("SELECT name, kind FROM source_profile").fetchall() == [
            (NAME, "members")
        ]
    finally:
        con.close()
