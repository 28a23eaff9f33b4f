"""Klusterimittari, the Streamlit app: page setup, global controls and navigation.

Run with ``streamlit run app.py``. The database is ``$KLUSTERIMITTARI_DB`` (else
``klusterimittari.duckdb`` here). Once a local account exists or OIDC is configured, the only
page before signing in is the sign-in page (``pages/_signin.py`` keeps the role). The
sidebar's language, cluster and year range hold for every page; the pages themselves live in
``pages/``, one thin file each.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from i18n import t
from pages import _shared as shared
from pages import _signin as signin


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
    """The pages this role may open, by section, titled in ``lang``."""
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
            for spec in specs
            if role == "manager" or not spec.manager_only
        ]
        if pages:
            menu[t(section, lang)] = pages
    return menu


def sign_in_only(lang: str) -> st.Page:
    """The one page of a session that has not signed in, whatever URL it asked for."""
    return st.Page(
        signin.SIGN_IN_PAGE,
        title=t("ui.page.sign_in", lang),
        url_path="sign-in",
        icon=":material/login:",
        default=True,
    )


def main() -> None:
    """One run of the app: page setup, language, the sign-in gate, the global controls, then
    the page the user is on (among those the role may open)."""
    st.set_page_config(page_title=t("app.name"), page_icon=":material/insights:", layout="wide")
    lang = shared.language_control()
    role = signin.resolve(shared.open_connection(lang))
    if role is None:
        st.navigation([sign_in_only(lang)], position="hidden").run()
        return
    shared.global_controls(lang, role, st.session_state.get(signin.USER))
    signin.sidebar(lang)
    st.navigation(navigation(lang, role), expanded=True).run()


if __name__ == "__main__":
    main()
