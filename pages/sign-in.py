"""Kirjautuminen / Sign in: a local account's name and password, or the organisation account
when the secrets configure OIDC. The only page anyone gets before signing in."""

from __future__ import annotations

import math

import streamlit as st

from appkit import signin
from appkit.connection import open_connection
from appkit.frame import language
from appkit.markdown import escape
from i18n import t


def organisation(lang: str, sso: signin.Oidc) -> None:
    """The organisation sign-in button, or why the address it returned with was refused."""
    refused = st.session_state.get(signin.REFUSED)
    if refused is not None:
        st.error(t("signin.oidc_refused", lang, email=escape(refused)), icon=":material/block:")
        st.button(
            t("signin.oidc_sign_out", lang),
            icon=":material/logout:",
            on_click=signin.sign_out,
            key="oidc_sign_out",
        )
        return
    st.button(
        t("signin.organisation", lang),
        type="primary",
        icon=":material/badge:",
        on_click=st.login,
        args=(sso.provider,),
        key="oidc_sign_in",
    )


def password(lang: str) -> None:
    """The local account form; a wrong name or password says so (the attempt is audited)."""
    with st.form("sign_in"):
        name = st.text_input(t("signin.user", lang), key="sign_in_name", autocomplete="username")
        secret = st.text_input(
            t("signin.password", lang),
            type="password",
            key="sign_in_password",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(
            t("signin.submit", lang), type="primary", icon=":material/login:"
        )
    if submitted:
        try:
            if signin.sign_in_password(open_connection(lang), name.strip(), secret):
                st.rerun()
            st.error(t("signin.failed", lang), icon=":material/error:")
        except signin.Throttled as wait:
            seconds = math.ceil(wait.wait_s)
            st.error(t("signin.throttled", lang, seconds=seconds), icon=":material/timer:")


def main() -> None:
    lang = language()
    st.title(t("signin.title", lang))
    st.caption(t("signin.intro", lang))
    sso = signin.oidc()
    if sso is not None:
        organisation(lang, sso)
        if not signin.local_accounts(open_connection(lang)):
            return
        st.caption(t("signin.or", lang))
    password(lang)


main()
