"""What a person meets in the browser, for the journey tests: waits on what they see, their
clicks and downloads, and what must never happen on any page (a console error, a request
leaving this machine, text of the other language, a raw code, ``None`` or ``nan``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, Download, Locator, Page, expect

from i18n import catalogue, t

RUN_TIMEOUT_MS = 60_000
LANGUAGE_NAMES = {"fi": "Suomi", "en": "English"}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}
# Raw codes a person must never read: identifiers of metrics, enumerations and message keys
# (snake_case or dotted), and the cookbook's caveat numbers (W9).
RAW_CODE = re.compile(
    r"\b[a-z]+(?:_[a-z0-9]+)+\b"
    r"|\b(?:ui|data|analytics|export|board|signin|auditlog|access|indicator|database)\.[a-z_.]+"
    r"|\bW\d{1,2}\b"
)
# Opened at a page's own address (/funding), Streamlit's client first looks for its server one
# level down (/funding/_stcore/health, …), gets 404 and then uses the root: its own probing,
# logged by the browser, not an error of the app.
SERVER_PROBE = re.compile(r"404 \(Not Found\) http://[^/]+/[a-z-]+/_stcore/(health|host-config)$")
MISSING = re.compile(r"\b(?:None|nan|NaN|undefined|null)\b")
FILE_NAME = re.compile(r"\S+\.(?:xlsx|xlsm|xls|ods|csv|txt|html|duckdb|key)\b")


# The visible text nodes of the main area and the sidebar, charts' SVG text included; an icon's
# ligature name (``upload_file``) is drawn as a symbol, not read.
_SHOWN_TEXT_JS = """(() => {
    const out = [];
    for (const root of document.querySelectorAll(
            '[data-testid="stMain"], [data-testid="stSidebar"]')) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const parent = walker.currentNode.parentElement;
            if (!parent || parent.closest('script, style')
                    || getComputedStyle(parent).fontFamily.includes('Material'))
                continue;
            if (parent.checkVisibility({visibilityProperty: true}))
                out.push(walker.currentNode.textContent);
        }
    }
    return out.join('\\n');
})()"""


@dataclass
class Watch:
    """Everything a page did that a person should never meet, collected while it is open."""

    base: str
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def request(self, url: str) -> None:
        parsed = urlparse(url)
        if parsed.scheme not in LOCAL_SCHEMES and parsed.hostname not in LOCAL_HOSTS:
            self.external.append(url)

    def assert_clean(self) -> None:
        errors = [e for e in self.errors if not SERVER_PROBE.search(e)]
        assert not errors, f"console errors: {errors}"
        assert not self.external, f"requests leaving this machine: {self.external}"


def person(context: BrowserContext, base: str) -> tuple[Page, Watch]:
    """A new tab of ``context`` whose console errors and outside requests are collected."""
    page = context.new_page()
    watch = Watch(base)
    page.on(
        "console",
        lambda m: (
            watch.errors.append(f"{m.text} {m.location.get('url', '')}")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("request", lambda request: watch.request(request.url))
    return page, watch


def finished(page: Page) -> None:
    """Wait until the app's run has finished and every chart on the page is drawn."""
    page.wait_for_selector(
        "[data-test-script-state='notRunning']", state="attached", timeout=RUN_TIMEOUT_MS
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(el => el.querySelector('.main-svg'))",
        timeout=RUN_TIMEOUT_MS,
    )
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=RUN_TIMEOUT_MS)


def heading(page: Page, text: str) -> Locator:
    return page.locator("h1", has_text=text)


def open_at(page: Page, url: str, title: str) -> None:
    """Go to ``url`` and wait for the page titled ``title`` to be drawn."""
    page.goto(url)
    expect(heading(page, title)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    finished(page)


def visit(page: Page, title: str) -> None:
    """Open a page from the sidebar's navigation and wait until it is drawn."""
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
    expect(heading(page, title)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    finished(page)


def choose_language(page: Page, lang: str, title: str) -> None:
    """Switch the sidebar's language and wait for the page to show ``title``."""
    page.locator("[data-testid='stSidebar'] label", has_text=LANGUAGE_NAMES[lang]).click()
    expect(heading(page, title)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    finished(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def download(page: Page, button: str, folder: Path, within: Locator | None = None) -> Path:
    """Click a download button (the one ``within`` a part of the page, if given); the file as
    saved, under its suggested name."""
    target = (within or page).get_by_role("button", name=button, exact=True)
    expect(target).to_be_visible(timeout=RUN_TIMEOUT_MS)
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as started:
        target.click()
    got: Download = started.value
    assert got.failure() is None, got.failure()
    path = folder / got.suggested_filename
    got.save_as(path)
    return path


def upload(page: Page, *files: Path) -> None:
    """Drop files onto the Data page's uploader and start the import."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(f) for f in files]
    )
    for f in files:  # a long name is shortened on its chip; its remove button names it whole
        expect(page.get_by_role("button", name=f"Remove {f.name}", exact=True)).to_be_visible()
    expect(page.locator("[data-testid='stFileChipIconSpinner']")).to_have_count(0)
    click(page, t("ui.data.import", "fi"))


def grid_text(page: Page, holding: str) -> str:
    """The cells of the table (``st.dataframe``) that holds ``holding``, as its accessible
    grid gives them to a screen reader; the table is scrolled into view so it is drawn."""
    frames = page.locator("[data-testid='stDataFrame']")
    for index in range(frames.count()):
        frames.nth(index).scroll_into_view_if_needed()
    script = """(holding) => [...document.querySelectorAll('table[role=grid]')]
        .map(t => t.textContent).find(text => text.includes(holding)) || null"""
    return page.wait_for_function(script, arg=holding, timeout=RUN_TIMEOUT_MS).json_value()


def wait_shown(page: Page, *texts: str) -> None:
    """Wait until each of ``texts`` can be read on the page (charts draw their labels last)."""
    script = f"(texts) => texts.every(t => ({_SHOWN_TEXT_JS}).includes(t))"
    page.wait_for_function(script, arg=list(texts), timeout=RUN_TIMEOUT_MS)


def shown_text(page: Page) -> str:
    """Everything a person can read in the main area and the sidebar, charts included: the
    visible text nodes (an icon's ligature name, ``upload_file``, is drawn as a symbol)."""
    return page.evaluate(f"() => {_SHOWN_TEXT_JS}")


@cache
def foreign_fragments(lang: str) -> frozenset[str]:
    """Pieces of the other language's messages that never occur in this language's: any of
    them on a page is text of the wrong language."""
    other = "en" if lang == "fi" else "fi"
    own = "\n".join(entry[lang] for entry in catalogue().values())
    found = set()
    for entry in catalogue().values():
        if entry["fi"] == entry["en"]:
            continue
        for piece in re.split(r"\{[^}]*\}|[·:;()\n]|\. ", entry[other]):
            piece = piece.strip(" .,–-*_")
            if len(piece) >= 8 and piece not in own and re.search(r"[^\W\d]{4}", piece):
                found.add(piece)
    return frozenset(found)


# Streamlit's own English texts that a Finnish page must not show (the uploader's, a select
# box's placeholder, its error and missing-page screens).
STREAMLIT_ENGLISH = (
    "Upload",
    "per file",
    "Drag and drop",
    "Browse files",
    "Choose an option",
    "No results",
    "Page not found",
    "This app has encountered an error",
)


def wrong_language(text: str, lang: str) -> list[str]:
    """Fragments of the other language's messages in ``text``: a phrase anywhere, a single
    word only as a whole line (uploaded text, a story's description, may use any word)."""
    lines = {line.strip() for line in text.splitlines()}
    streamlit = STREAMLIT_ENGLISH if lang == "fi" else ()
    return sorted(
        piece
        for piece in (*foreign_fragments(lang), *streamlit)
        if (" " in piece and piece in text) or piece in lines
    )


def raw_codes(text: str) -> list[str]:
    """Identifiers in what a person reads (file names, which may hold underscores, aside)."""
    return sorted(set(RAW_CODE.findall(FILE_NAME.sub(" ", text))))


def missing_values(text: str) -> list[str]:
    return sorted(set(MISSING.findall(text)))


def assert_readable(page: Page, lang: str, where: str) -> None:
    """The page as drawn holds nothing of the other language, no raw code, no None/nan."""
    text = shown_text(page)
    found = {
        "other language": wrong_language(text, lang),
        "raw codes": raw_codes(text),
        "None/nan": missing_values(text),
    }
    assert not any(found.values()), f"{where} ({lang}): {found}"


def title(key: str, lang: str = "fi") -> str:
    return t(key, lang)
