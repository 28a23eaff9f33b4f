"""Project lists (SPEC 2 projects): applications and funded projects with their partners."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import BOOL, DATE, ENUM, LIST, NUMBER, TEXT, Column, Kind, RowCheck, Table
from data.load import LoadContext, count, keep_last, link_orgs, supersede
from data.report import ERROR

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("project_id", "Tunniste", TEXT, ("tunniste", "id"), example="H-01"),
    C(
        "name",
        "Nimi",
        TEXT,
        ("nimi", "hanke", "project"),
        required=True,
        example="Älykäs valmistus 2025",
    ),
    C(
        "funder_programme",
        "Rahoitusohjelma",
        TEXT,
        ("rahoitusohjelma", "ohjelma", "rahoittaja", "programme"),
        example="EAKR",
    ),
    C(
        "status",
        "Tila",
        ENUM,
        ("tila", "status"),
        required=True,
        enum="project_status",
        example="myönnetty",
    ),
    C("applied_date", "Hakupäivä", DATE, ("hakupäivä", "haettu"), example="1.2.2024"),
    C(
        "start",
        "Alkaa",
        DATE,
        ("alkaa", "alkupäivä", "start"),
        required=True,
        example="1.6.2024",
    ),
    C("end", "Päättyy", DATE, ("päättyy", "loppupäivä", "end"), example="31.5.2026"),
    C(
        "total_budget_eur",
        "Kokonaisbudjetti",
        NUMBER,
        ("kokonaisbudjetti", "budjetti"),
        example=400000,
    ),
    C("eu_funding_eur", "EU-rahoitus", NUMBER, ("eu-rahoitus", "eu-osuus"), example=240000),
    C(
        "national_public_eur",
        "Kansallinen julkinen rahoitus",
        NUMBER,
        ("kansallinen julkinen rahoitus", "valtion rahoitus"),
        example=60000,
    ),
    C(
        "municipal_eur",
        "Kuntarahoitus",
        NUMBER,
        ("kuntarahoitus", "kaupungin rahoitus"),
        example=40000,
    ),
    C(
        "private_company_eur",
        "Yritysrahoitus",
        NUMBER,
        ("yritysrahoitus", "yritysten rahoitus", "omarahoitus yritykset"),
        example=60000,
    ),
    C("is_rdi", "TKI-hanke", BOOL, ("tki", "tki-hanke", "rdi"), example="kyllä"),
    C("city_need", "Kaupungin tarve", BOOL, ("kaupungin tarve", "city need"), example="ei"),
    C(
        "partners",
        "Kumppanit",
        LIST,
        ("kumppanit", "partnerit", "partners"),
        example="1234567-1; Esimerkki Oy",
    ),
)
PROJECT = Table("project", key="CAST(project_key AS VARCHAR)")
# Partners follow their project: a project re-imported without partners still replaces the
# older partner rows.
PROJECT_PARTNER = Table(
    "project_partner", key="CAST(project_key AS VARCHAR)", key_source="project", holds_orgs=True
)


def load(ctx: LoadContext, staged: Staged) -> int:
    t = staged.table
    key = (
        "CASE WHEN project_id IS NOT NULL THEN 'id:' || lower(project_id) "
        "ELSE 'n:' || lower(name) END"
    )
    keep_last(ctx, staged, key, f"{t}_p", "name")
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_pk AS
        WITH known AS (
            SELECT CASE WHEN project_id IS NOT NULL THEN 'id:' || lower(project_id)
                        ELSE 'n:' || lower(name) END AS k1,
                   'n:' || lower(name) AS k2, project_key FROM v_project
            WHERE cluster_id = {ctx.cluster})
        SELECT p.*, coalesce(
            (SELECT min(project_key) FROM known WHERE known.k1 = p.__key),
            (SELECT min(project_key) FROM known WHERE p.project_id IS NULL
                AND known.k2 = p.__key),
            nextval('seq_project')) AS project_key
        FROM {t}_p p
    """)
    ctx.cur.execute(f"""
        INSERT INTO project (cluster_id, project_key, import_id, row_no, project_id, name,
            funder_programme, status, applied_date, start_date, end_date, total_budget_eur,
            eu_funding_eur, national_public_eur, municipal_eur, private_company_eur, is_rdi,
            city_need)
        SELECT {ctx.cluster}, project_key, {ctx.import_id}, __row, project_id, name,
            funder_programme, status, applied_date, start, "end", total_budget_eur,
            eu_funding_eur, national_public_eur, municipal_eur, private_company_eur,
            coalesce(is_rdi, false), coalesce(city_need, false)
        FROM {t}_pk ORDER BY __row
    """)
    link_orgs(ctx, staged, f"{t}_pk", "partners", "project_key", "project_partner")
    supersede(ctx, PROJECT)
    supersede(ctx, PROJECT_PARTNER)
    return count(ctx, f"{t}_pk")


PROJECTS = Kind(
    "projects",
    ("Hankkeet", "Projects"),
    COLUMNS,
    tables=(PROJECT, PROJECT_PARTNER),
    view="v_project",
    loader=load,
    template_sheet="Hankkeet",
    row_checks=(RowCheck(ERROR, "end_before_start", "end", '"end" < start'),),
)
