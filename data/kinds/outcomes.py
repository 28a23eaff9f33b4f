"""The success-story log (SPEC 2 outcomes): results the cluster contributed to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import BOOL, DATE, ENUM, INT, LIST, NUMBER, TEXT, Column, Kind, Table
from data.load import LoadContext, count, keep_last, link_orgs, supersede

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("date", "Päivämäärä", DATE, ("päivämäärä", "pvm"), required=True, example="3.9.2024"),
    C(
        "outcome_type",
        "Tyyppi",
        ENUM,
        ("tyyppi", "tuloksen tyyppi", "type"),
        required=True,
        enum="outcome_type",
        example="uusi kumppanuus",
    ),
    C(
        "title",
        "Otsikko",
        TEXT,
        ("otsikko", "kuvaus lyhyesti", "title"),
        required=True,
        example="Kaksi jäsenyritystä aloitti yhteisen tuotekehityksen",
    ),
    C("description", "Kuvaus", TEXT, ("kuvaus", "description")),
    C(
        "organisations",
        "Organisaatiot",
        LIST,
        ("organisaatiot", "yritykset", "osapuolet"),
        example="Esimerkki Oy; 1234567-1",
    ),
    C("amount_eur", "Summa", NUMBER, ("summa", "arvo")),
    C("jobs", "Työpaikat", INT, ("työpaikat",), bounds=(0, None)),
    C("country", "Maa", TEXT, ("maa", "country")),
    C(
        "attribution",
        "Vaikutus",
        ENUM,
        ("vaikutus", "attribuutio"),
        enum="attribution",
        example="myötävaikuttava",
    ),
    C("evidence", "Näyttö", TEXT, ("lähde", "näyttö", "evidence")),
    C(
        "consent_to_publish",
        "Julkaisulupa",
        BOOL,
        ("julkaisulupa",),
        default=False,
        example="kyllä",
    ),
)
# An outcome is known by its date and title (``outcome_key``); its organisations follow it.
OUTCOME = Table("outcome", key="CAST(outcome_key AS VARCHAR)")
OUTCOME_ORG = Table(
    "outcome_org", key="CAST(outcome_key AS VARCHAR)", key_source="outcome", holds_orgs=True
)


def load(ctx: LoadContext, staged: Staged) -> int:
    t = staged.table
    keep_last(ctx, staged, "date || '|' || lower(title)", f"{t}_o", "title")
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_ok AS
        SELECT o.*, coalesce(
            (SELECT min(outcome_key) FROM v_outcome v WHERE v.cluster_id = {ctx.cluster}
               AND v.date || '|' || lower(v.title) = o.__key),
            nextval('seq_outcome')) AS outcome_key
        FROM {t}_o o
    """)
    ctx.cur.execute(f"""
        INSERT INTO outcome (cluster_id, outcome_key, import_id, row_no, date, outcome_type,
            title, description, amount_eur, jobs, country, attribution, evidence,
            consent_to_publish)
        SELECT {ctx.cluster}, outcome_key, {ctx.import_id}, __row, date, outcome_type, title,
            description, amount_eur, jobs, country, attribution, evidence,
            coalesce(consent_to_publish, false)
        FROM {t}_ok ORDER BY __row
    """)
    link_orgs(ctx, staged, f"{t}_ok", "organisations", "outcome_key", "outcome_org")
    supersede(ctx, OUTCOME)
    supersede(ctx, OUTCOME_ORG)
    return count(ctx, f"{t}_ok")


OUTCOMES = Kind(
    "outcomes",
    ("Menestystarinat", "Tulokset", "Outcomes"),
    COLUMNS,
    tables=(OUTCOME, OUTCOME_ORG),
    view="v_outcome",
    loader=load,
    template_sheet="Menestystarinat",
)
