"""The frame every page runs in: page setup, language, the sign-in gate, the global controls
and the navigation among the pages the role may open.

``app.py`` calls ``main()``. The pages are named here by their files, so the kit needs no
import of them. A page asks ``current()`` for its context; when no frame drives the run (on
a fresh server's first request for a page URL Streamlit runs the page file by itself, as in
its older ``pages/`` folder mode, and so does AppTest after a page switch) ``current()``
runs the frame, which runs the page the role may open, and stops the bare run there: no page
ever draws outside the sign-in gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from appkit import signin
from appkit.connection import open_connection
from appkit.context import Ctx, Run, active, running
from appkit.controls import global_controls, language_control
from i18n import t

# The browser tab's icon, served by the app itself (a Material icon would be fetched from a
# font host on the internet, which a city installation must not contact).
ICON = Path(__file__).with_name("icon.png")
SIGN_IN_PAGE = "pages/sign-in.py"  # named as its URL, as every page


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation: its URL, title key, icon and whether only the manager sees
    it. The page's file is named as its URL (``pages/<url>.py``), so Streamlit finds the same
    page by the same address whether the frame or its older folder mode serves the request."""

    url: str
    title: str
    icon: str
    manager_only: bool = False

    @property
    def file(self) -> str:
        return f"pages/{self.url}.py"


# Navigation sections in order; the board role never gets the manager-only pages.
SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "ui.section.overview": (
        PageSpec("overview", "ui.page.overview", ":material/dashboard:"),
        PageSpec("clusters", "ui.page.clusters", ":material/compare:"),
    ),
    "ui.section.impact": (
        PageSpec("region", "ui.page.region", ":material/location_city:"),
        PageSpec("cluster-organisation", "ui.page.cluster_org", ":material/hub:"),
        PageSpec("rdi-actors", "ui.page.rdi", ":material/science:"),
        PageSpec("companies", "ui.page.companies", ":material/factory:"),
        PageSpec("public-sector", "ui.page.public_sector", ":material/account_balance:"),
    ),
    "ui.section.activity": (
        PageSpec("members", "ui.page.members", ":material/groups:"),
        PageSpec("events", "ui.page.events", ":material/event:"),
        PageSpec("surveys", "ui.page.surveys", ":material/ballot:"),
        PageSpec("funding", "ui.page.funding", ":material/euro:"),
        PageSpec("success-stories", "ui.page.stories", ":material/star:"),
        PageSpec("regional-context", "ui.page.regional", ":material/map:"),
    ),
    "ui.section.admin": (
        PageSpec("data", "ui.page.data", ":material/upload_file:", True),
        PageSpec("settings", "ui.page.settings", ":material/settings:", True),
        PageSpec("audit-log", "ui.page.audit", ":material/history:", True),
    ),
}


def navigation(lang: str, role: str) -> dict[str, list[st.Page]]:
    """The pages this role may open, by section, titled in ``lang``. A manager page's URL
    stays known to the board, hidden, where it shows only the refusal (no "page not found")."""
    menu: dict[str, list[st.Page]] = {}
    for section, specs in SECTIONS.items():
        pages = [
            st.Page(
                spec.file,
                title=t(spec.title, lang),
                url_path=spec.url,
                icon=spec.icon,
                default=spec.url == "overview",
            )
            if role == "manager" or not spec.manager_only
            else st.Page(
                _refused,
                title=t(spec.title, lang),
                url_path=spec.url,
                icon=":material/block:",
                visibility="hidden",
            )
            for spec in specs
        ]
        menu[t(section, lang)] = pages
    return menu


def sign_in_only(lang: str) -> list[st.Page]:
    """The sign-in page, whatever URL the session asked for: under each page's own URL too,
    so a link or bookmark keeps its address and opens that page once signed in."""
    title = t("ui.page.sign_in", lang)
    return [
        st.Page(
            SIGN_IN_PAGE, title=title, url_path="sign-in", icon=":material/login:", default=True
        ),
        *(
            st.Page(SIGN_IN_PAGE, title=title, url_path=spec.url, visibility="hidden")
            for specs in SECTIONS.values()
            for spec in specs
        ),
    ]


def _refused() -> None:
    """A manager page's URL opened by the board: the refusal, in the user's language."""
    st.error(t("signin.refused_page", language()), icon=":material/block:")


def main() -> None:
    """One run of the app: page setup, language, the sign-in gate, the global controls, then
    the page the user is on (among those the role may open)."""
    st.set_page_config(page_title=t("app.name"), page_icon=ICON, layout="wide")
    lang = language_control()
    role = signin.resolve(open_connection(lang))
    signin.write_cookie()
    if role is None:
        page = st.navigation(sign_in_only(lang), position="hidden")
        with running(Run(lang)):
            page.run()
        return
    ctx = global_controls(lang, role, st.session_state.get(signin.USER))
    signin.sidebar(lang)
    page = st.navigation(navigation(lang, role), expanded=True)
    with running(Run(lang, ctx)):
        page.run()


def _framed() -> Run:
    """This run as the frame drives it; when no frame does, run the frame now and stop the
    bare run (see the module docstring)."""
    run = active()
    if run is None:
        main()
        st.stop()
    return run


def current() -> Ctx:
    """The signed-in page's context for this run."""
    ctx = _framed().ctx
    if ctx is None:  # a page of the signed-in app run for a session that has not signed in
        st.stop()
    return ctx


def language() -> str:
    """The language of this run (for the sign-in page, which has no context yet)."""
    return _framed().lang


def manager_only(c: Ctx) -> None:
    """Refuse a manager-only page to any other role, in the user's language, and stop."""
    if not c.is_manager:
        st.error(c.t("signin.refused_page"), icon=":material/block:")
        st.stop()
