"""Funding lists (SPEC 2 funding): the cluster's income by year and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import ENUM, INT, NUMBER, TEXT, Column, Kind, Table
from data.load import LoadContext, count, good, supersede
from data.sqlfunc import YEAR_RANGE

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("year", "Vuosi", INT, ("vuosi", "year"), required=True, example=2024, bounds=YEAR_RANGE),
    C(
        "source_type",
        "Rahoituslähde",
        ENUM,
        ("lähde", "rahoituslähde", "source"),
        required=True,
        enum="source_type",
        example="kaupunki",
    ),
    C(
        "amount_eur",
        "Summa",
        NUMBER,
        ("summa", "määrä", "euroa", "amount"),
        required=True,
        example="15 000,00",
    ),
    C("payer", "Maksaja", TEXT, ("maksaja", "payer"), example="Loimaan kaupunki"),
    C(
        "status",
        "Tila",
        ENUM,
        ("tila", "status"),
        enum="funding_status",
        default="paid",
        example="maksettu",
    ),
    C("note", "Lisätieto", TEXT, ("huomautus", "lisätieto", "note")),
)
# A committed row that became paid replaces it: the key leaves the status out.
FUNDING_ROW = Table(
    "funding",
    key=(
        "year || '|' || source_type || '|' || lower(coalesce(payer, '')) || '|' || "
        "lower(coalesce(note, ''))"
    ),
)


def load(ctx: LoadContext, staged: Staged) -> int:
    ctx.cur.execute(f"""
        INSERT INTO funding (cluster_id, import_id, row_no, year, source_type, amount_eur,
                             payer, status, note)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, year, source_type, amount_eur, payer,
               coalesce(status, 'paid'), note
        FROM {good(staged)} ORDER BY __row
    """)
    supersede(ctx, FUNDING_ROW)
    return count(ctx, good(staged))


FUNDING = Kind(
    "funding",
    ("Rahoitus", "Tulot", "Funding"),
    COLUMNS,
    tables=(FUNDING_ROW,),
    view="v_funding",
    loader=load,
    template_sheet="Rahoitus",
)
