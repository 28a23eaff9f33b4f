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

import streamlit as st

from appkit import signin
from appkit.connection import open_connection
from appkit.context import Ctx, Run, active, running
from appkit.controls import global_controls, language_control
from i18n import t

SIGN_IN_PAGE = "pages/sign_in.py"


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation: its file, title key, URL and whether only the manager sees it."""

    file: str
    title: str
    url: str
    icon: str
    manager_only: bool = False


# Navigation sections in order; the board role never gets the manager-only pages.
SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "ui.section.overview": (
        PageSpec("pages/overview.py", "ui.page.overview", "overview", ":material/dashboard:"),
    ),
    "ui.section.impact": (
        PageSpec(
            "pages/recipient_region.py", "ui.page.region", "region", ":material/location_city:"
        ),
        PageSpec(
            "pages/recipient_cluster_org.py",
            "ui.page.cluster_org",
            "cluster-organisation",
            ":material/hub:",
        ),
        PageSpec("pages/recipient_rdi.py", "ui.page.rdi", "rdi-actors", ":material/science:"),
        PageSpec(
            "pages/recipient_companies.py", "ui.page.companies", "companies", ":material/factory:"
        ),
        PageSpec(
            "pages/recipient_public_sector.py",
            "ui.page.public_sector",
            "public-sector",
            ":material/account_balance:",
        ),
    ),
    "ui.section.activity": (
        PageSpec("pages/members.py", "ui.page.members", "members", ":material/groups:"),
        PageSpec("pages/events.py", "ui.page.events", "events", ":material/event:"),
        PageSpec("pages/surveys.py", "ui.page.surveys", "surveys", ":material/ballot:"),
        PageSpec("pages/funding.py", "ui.page.funding", "funding", ":material/euro:"),
        PageSpec("pages/stories.py", "ui.page.stories", "success-stories", ":material/star:"),
        PageSpec("pages/regional.py", "ui.page.regional", "regional-context", ":material/map:"),
    ),
    "ui.section.admin": (
        PageSpec("pages/data_import.py", "ui.page.data", "data", ":material/upload_file:", True),
        PageSpec("pages/settings.py", "ui.page.settings", "settings", ":material/settings:", True),
        PageSpec("pages/audit.py", "ui.page.audit", "audit-log", ":material/history:", True),
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
    st.set_page_config(page_title=t("app.name"), page_icon=":material/insights:", layout="wide")
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
