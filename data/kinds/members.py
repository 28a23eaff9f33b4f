"""The member register (SPEC 2 members): a snapshot that replaces the previous register.

A member's web or e-mail domain (``domain``, website or e-mail columns) lets attendance lists
without an organisation column find their people's organisations (SPEC 2.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data import orgs
from data.kinds.base import (
    BUSINESS_ID,
    DATE,
    ENUM,
    INT,
    NUMBER,
    TEXT,
    Column,
    Kind,
    RowCheck,
    Table,
)
from data.load import LoadContext, count, good, keep_last, restaged, supersede
from data.report import ERROR, WARNING
from data.sqlfunc import YEAR_RANGE

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C(
        "name",
        "Nimi",
        TEXT,
        ("nimi", "organisaatio", "yritys", "organisation", "organization", "company"),
        required=True,
        example="Esimerkki Oy",
    ),
    C(
        "business_id",
        "Y-tunnus",
        BUSINESS_ID,
        ("y-tunnus", "ytunnus", "business id"),
        example="1234567-1",
    ),
    C(
        "org_type",
        "Organisaatiotyyppi",
        ENUM,
        ("organisaatiotyyppi", "tyyppi", "type"),
        enum="org_type",
        example="yritys",
    ),
    C(
        "size_class",
        "Kokoluokka",
        ENUM,
        ("kokoluokka", "koko", "size"),
        enum="size_class",
        example="pieni",
    ),
    C(
        "employees",
        "Henkilöstö",
        INT,
        ("henkilöstö", "henkilöstömäärä", "työntekijät", "employees"),
        bounds=(0, None),
        example=25,
    ),
    C("turnover_eur", "Liikevaihto", NUMBER, ("liikevaihto", "turnover"), example=3500000),
    C("sector", "Toimiala", TEXT, ("toimiala", "sector"), example="28 Koneiden valmistus"),
    C("municipality", "Kunta", TEXT, ("kunta", "kotikunta", "municipality"), example="Loimaa"),
    C(
        "tier",
        "Jäsenyystaso",
        TEXT,
        ("jäsenyystaso", "jäsenluokka", "taso", "tier"),
        example="Perusjäsen",
    ),
    C(
        "status",
        "Tila",
        ENUM,
        ("tila", "jäsenyyden tila", "status"),
        enum="member_status",
        default="member",
        example="jäsen",
    ),
    C(
        "member_since",
        "Jäsen alkaen",
        DATE,
        ("jäsen alkaen", "liittymispäivä", "liittynyt", "member since", "joined"),
        example="15.5.2023",
    ),
    C(
        "member_until",
        "Jäsenyys päättynyt",
        DATE,
        ("jäsenyys päättynyt", "eronnut", "eroamispäivä", "member until", "left"),
    ),
    C(
        "governance_role",
        "Luottamustehtävä",
        ENUM,
        ("rooli", "luottamustehtävä", "role"),
        enum="governance_role",
        default="none",
        example="hallitus",
    ),
    C(
        "annual_fee_eur",
        "Jäsenmaksu",
        NUMBER,
        ("jäsenmaksu", "vuosimaksu", "annual fee"),
        example=1500,
    ),
    # The register's date (REG-3 keeps employee counts per year): a year or snapshot-date
    # column, as registers exported every year carry (``Vuosi``, ``Tilannepäivä``).
    C(
        "year",
        "Vuosi",
        INT,
        ("vuosi", "year", "tilastovuosi", "henkilöstövuosi", "rekisterivuosi"),
        bounds=YEAR_RANGE,
    ),
    C(
        "as_of",
        "Tilannepäivä",
        DATE,
        (
            "tilannepäivä",
            "tilanne",
            "poimintapäivä",
            "päivitetty",
            "as of",
            "snapshot date",
            "updated",
        ),
    ),
    C(
        "domain",
        "Verkkotunnus",
        TEXT,
        (
            "verkkotunnus",
            "domain",
            "website",
            "web",
            "www",
            "kotisivu",
            "kotisivut",
            "verkkosivu",
            "verkkosivut",
            "verkkosivusto",
            "internet",
            "url",
        ),
        example="esimerkki.fi",
    ),
    C(
        "email",
        "Sähköposti",
        TEXT,
        ("sähköposti", "sähköpostiosoite", "email", "e-mail", "email address"),
    ),
)
MEMBERSHIP = Table("membership", key="''", holds_orgs=True)
# Employee counts per organisation and year: a register replaces only those of its own year.
EMPLOYEES = Table("member_employees", key="concat(org_id, '/', year)", holds_orgs=True)


def load(ctx: LoadContext, staged: Staged) -> int:
    """The register is a snapshot: it replaces the cluster's previous member list. Its employee
    counts also go into the per-year history (``employee_history``)."""
    t = staged.table
    orgs.resolve(
        ctx.cur,
        f"SELECT __row AS ref, business_id, name, org_type FROM {good(staged)}",
        f"{t}_org",
        cluster_id=ctx.cluster_id,
        import_id=ctx.import_id,
    )
    year = int(ctx.register_year) if ctx.register_year else "year(current_date)"
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_j AS
        SELECT g.*, o.org_id, coalesce(g.year, year(g.as_of), {year})::INTEGER AS __year
        FROM {good(staged)} g JOIN {t}_org o ON o.ref = g.__row
    """)
    employee_history(ctx, f"{t}_j")
    # A register holding several years (a year column) is a member list of its latest year:
    # each organisation's rows of its latest year.
    ctx.cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {t}_latest AS SELECT * FROM {t}_j
        QUALIFY __year = max(__year) OVER (PARTITION BY org_id)
    """)
    keep_last(ctx, restaged(staged, f"{t}_latest"), "org_id", f"{t}_m", "name")
    ctx.cur.execute(f"""
        INSERT INTO membership (cluster_id, import_id, row_no, org_id, org_type, size_class,
            employees, turnover_eur, sector, municipality, tier, status, member_since,
            member_until, governance_role, annual_fee_eur, domain)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, org_id, coalesce(org_type, 'other'),
            size_class, employees, turnover_eur, sector, municipality, tier,
            coalesce(status, 'member'), member_since, member_until,
            coalesce(governance_role, 'none'), annual_fee_eur,
            coalesce(km_domain(domain), km_domain(email))
        FROM {t}_m ORDER BY __row
    """)
    supersede(ctx, MEMBERSHIP)
    return count(ctx, f"{t}_m")


def employee_history(ctx: LoadContext, rows: str) -> None:
    """Each organisation's employee count under the register's year (``__year`` of ``rows``),
    the last row of an organisation and year winning; replaces the counts of the same
    organisation and year only, so the history survives the snapshot's replacement."""
    ctx.cur.execute(f"""
        INSERT INTO member_employees (cluster_id, import_id, row_no, org_id, year, employees)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, org_id, __year, employees
        FROM {rows} WHERE employees IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY org_id, __year ORDER BY __row DESC) = 1
    """)
    supersede(ctx, EMPLOYEES)


MEMBERS = Kind(
    "members",
    ("Jäsenet", "Jäsenrekisteri", "Members"),
    COLUMNS,
    tables=(MEMBERSHIP, EMPLOYEES),
    view="v_member",
    loader=load,
    template_sheet="Jäsenet",
    row_checks=(
        RowCheck(
            WARNING, "former_without_until", "status", "status = 'former' AND member_until IS NULL"
        ),
        RowCheck(ERROR, "until_before_since", "member_until", "member_until < member_since"),
    ),
    snapshot=True,
)
