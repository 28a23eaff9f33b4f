"""Sign-in in headless Chromium against ``streamlit run app.py`` with two local accounts: a
bookmarked manager URL gives a signed-out visitor the sign-in page only; a wrong password is
refused; the board gets no administration pages; the manager reads the audit log.

Skipped when /usr/bin/chromium is missing, unless CI=true (then it fails instead).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from i18n import t
from tests.browser.accounts import BOARD, MANAGER, with_accounts
from tests.browser.server import app_server, launch, settle

pytestmark = pytest.mark.browser


def sign_in(page: Page, name: str, password: str) -> None:
    page.get_by_label(t("signin.user", "fi")).fill(name)
    page.get_by_label(t("signin.password", "fi")).fill(password)
    page.get_by_role("button", name=t("signin.submit", "fi"), exact=True).click()
    settle(page)


def test_sign_in_gate_roles_and_audit_log(tmp_path: Path) -> None:
    db = with_accounts(tmp_path / "app.duckdb")
    with app_server(db, tmp_path / "app.key") as url, sync_playwright() as playwright:
        browser = launch(playwright)
        errors: list[str] = []
        visitor = browser.new_page(viewport={"width": 1400, "height": 1000})
        visitor.on("pageerror", lambda error: errors.append(str(error)))
        visitor.goto(f"{url}/data")  # a bookmark of the Data page, not signed in
        settle(visitor)
        expect(visitor.locator("h1", has_text=t("signin.title", "fi"))).to_be_visible()
        expect(visitor.get_by_role("dialog")).to_have_count(0)  # no "page not found"
        expect(visitor.locator("[data-testid='stFileUploader']")).to_have_count(0)
        expect(visitor.locator("[data-testid='stSidebarNav']")).to_have_count(0)

        sign_in(visitor, BOARD[0], "not the password")
        expect(visitor.get_by_text(t("signin.failed", "fi"))).to_be_visible()
        sign_in(visitor, *BOARD)  # the board, at the Data page's address, is refused there
        expect(visitor.get_by_text(t("signin.refused_page", "fi"))).to_be_visible()
        expect(visitor.locator("[data-testid='stFileUploader']")).to_have_count(0)
        sidebar = visitor.locator("[data-testid='stSidebar']")
        sidebar.get_by_role("link", name=t("ui.page.overview", "fi"), exact=True).click()
        settle(visitor)
        expect(visitor.locator("h1", has_text=t("ui.page.overview", "fi"))).to_be_visible()
        expect(sidebar.get_by_text(t("ui.page.funding", "fi"))).to_be_visible()
        for page_title in ("ui.page.data", "ui.page.settings", "ui.page.audit"):
            expect(sidebar.get_by_text(t(page_title, "fi"), exact=True)).to_have_count(0)

        # Another person at another browser: no cookie of the board's sign-in.
        manager = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        manager.goto(url)
        settle(manager)
        sign_in(manager, *MANAGER)
        manager.locator("[data-testid='stSidebar']").get_by_text(
            t("ui.page.audit", "fi"), exact=True
        ).click()
        settle(manager)
        expect(manager.locator("h1", has_text=t("ui.page.audit", "fi"))).to_be_visible()
        log = manager.locator("[data-testid='stDataFrame']")
        expect(log).to_be_visible()
        manager.get_by_role("button", name=t("signin.sign_out", "fi")).click()
        settle(manager)
        expect(manager.locator("h1", has_text=t("signin.title", "fi"))).to_be_visible()
        browser.close()
        assert errors == []
