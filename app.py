"""Klusterimittari, the Streamlit app. Run with ``streamlit run app.py`` (``make run``).

The database is ``$KLUSTERIMITTARI_DB`` (else ``klusterimittari.duckdb`` here). The frame
(``appkit.frame``: sign-in gate, language, cluster and years, navigation) runs every page;
the pages themselves live in ``pages/``, one thin file each.
"""

from appkit.frame import main

if __name__ == "__main__":
    main()
