"""Survey exports (SPEC 2 survey): one row per respondent, catalogue items as columns.

A sheet is a survey when at least two of its headers name catalogue items
(``data.survey_catalogue``); the columns below are the optional background columns. Exports of
Microsoft Forms, Google Forms and Webropol (SPEC 2.1) load as they are: their time columns give
the year, their respondent columns are stored nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import DATE, ENUM, TEXT, Column, Kind, Table
from data.load import LoadContext, count, good, supersede
from data.survey_catalogue import BY_CODE

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C(
        "organisation",
        "Organisaatio",
        TEXT,
        (
            "organisaatio",
            "organisation",
            "organization",
            "yritys",
            "organisaationne nimi",
            "organisaationne",
            "organisaation nimi",
            "yrityksenne nimi",
            "yrityksen nimi",
            "edustamani organisaatio",
            "company",
            "company name",
            "organisation name",
            "organization name",
            "your organisation",
            "your organization",
        ),
    ),
    C(
        "org_type",
        "Organisaatiotyyppi",
        ENUM,
        ("organisaatiotyyppi", "tyyppi", "org type", "organisaationne tyyppi"),
        enum="org_type",
    ),
    C("size_class", "Kokoluokka", ENUM, ("kokoluokka", "koko", "size"), enum="size_class"),
    C(
        "submitted",
        "Vastausaika",
        DATE,
        (
            "vastausaika",
            "submitted",
            "aikaleima",
            "timestamp",
            "completion time",
            "valmistumisaika",
            "vastattu",
            "lähetetty",
        ),
    ),
)
# Columns of Microsoft Forms, Google Forms and Webropol exports stored nowhere: who answered
# is never kept (SPEC 6), only the answers.
IGNORED = (
    "id",
    "tunnus",
    "start time",
    "aloitusaika",
    "email",
    "sähköposti",
    "name",
    "nimi",
    "last modified time",
    "viimeksi muokattu",
    "email address",
    "total points",
    "quiz feedback",
)
# A survey is known by its name and year; its responses and answers follow it through the
# views v_survey_response and v_survey_answer.
SURVEY_TABLE = Table("survey", key="lower(name) || '|' || year")
SURVEY_RESPONSE = Table("survey_response")
SURVEY_ANSWER = Table("survey_answer")


def load(ctx: LoadContext, staged: Staged) -> int:
    """One survey per sheet; responses keep their row number, answers go to long form."""
    name, year = ctx.survey_name, ctx.survey_year
    survey_id = ctx.cur.execute("SELECT nextval('seq_survey')").fetchone()[0]
    ctx.cur.execute(
        "INSERT INTO survey (cluster_id, survey_id, import_id, name, year, invited) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [ctx.cluster_id, survey_id, ctx.import_id, name, year, ctx.invited],
    )
    rows = good(staged)
    # A respondent who names a known organisation gets its type and size class when the
    # export does not give them; the name itself is not stored.
    ctx.cur.execute(f"""
        INSERT INTO survey_response (cluster_id, survey_id, import_id, response_no, org_type,
                                     size_class, submitted)
        WITH known AS (
            SELECT o.name_key, min(v.org_type) AS org_type, min(v.size_class) AS size_class
            FROM organisation o JOIN v_org v USING (cluster_id, org_id)
            WHERE o.cluster_id = {ctx.cluster} GROUP BY o.name_key)
        SELECT {ctx.cluster}, {survey_id}, {ctx.import_id}, g.__row,
               coalesce(g.org_type, k.org_type), coalesce(g.size_class, k.size_class),
               CAST(g.submitted AS TIMESTAMP)
        FROM {rows} g LEFT JOIN known k ON k.name_key = km_name_key(g.organisation)
        ORDER BY g.__row
    """)
    parts = []
    for code in staged.layout.items:
        column = f'"item_{code}"'
        if BY_CODE[code].scale == "text":
            value_num, value_text = "CAST(NULL AS DOUBLE)", column
        else:
            value_num, value_text = column, "CAST(NULL AS VARCHAR)"
        parts.append(
            f"SELECT __row, '{code}' AS item_code, {value_num} AS value_num, "
            f"{value_text} AS value_text FROM {rows} WHERE {column} IS NOT NULL"
        )
    if parts:
        ctx.cur.execute(f"""
            INSERT INTO survey_answer (cluster_id, survey_id, import_id, response_no, item_code,
                                       value_num, value_text)
            SELECT {ctx.cluster}, {survey_id}, {ctx.import_id}, __row, item_code, value_num,
                   value_text
            FROM ({" UNION ALL ".join(parts)}) ORDER BY __row, item_code
        """)
    supersede(ctx, SURVEY_TABLE)
    return count(ctx, rows)


SURVEY = Kind(
    "survey",
    (),
    COLUMNS,
    tables=(SURVEY_TABLE, SURVEY_RESPONSE, SURVEY_ANSWER),
    view="v_survey",
    loader=load,
    template_sheet="Kysely",
    ignored=IGNORED,
)
