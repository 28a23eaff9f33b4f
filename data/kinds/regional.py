"""Regional statistics (SPEC 2 regional): context for the region, never the cluster's effect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import INT, NUMBER, TEXT, Column, Kind, Table
from data.load import LoadContext, count, good, supersede
from data.sqlfunc import YEAR_RANGE

if TYPE_CHECKING:
    from data.normalise import Staged

C = Column

COLUMNS = (
    C("region", "Alue", TEXT, ("alue", "region"), required=True, example="Loimaa"),
    C("year", "Vuosi", INT, ("vuosi", "year"), required=True, example=2024, bounds=YEAR_RANGE),
    C(
        "measure",
        "Mittari",
        TEXT,
        ("mittari", "muuttuja", "measure"),
        required=True,
        example="population",
    ),
    C("value", "Arvo", NUMBER, ("arvo", "value"), required=True, example=15800),
    C("unit", "Yksikkö", TEXT, ("yksikkö", "unit"), example="henkeä"),
    C("source", "Lähde", TEXT, ("lähde", "source"), example="Tilastokeskus"),
)
REGIONAL_STAT = Table("regional_stat", key="lower(region) || '|' || year || '|' || lower(measure)")


def load(ctx: LoadContext, staged: Staged) -> int:
    ctx.cur.execute(f"""
        INSERT INTO regional_stat (cluster_id, import_id, row_no, region, year, measure, value,
                                   unit, source)
        SELECT {ctx.cluster}, {ctx.import_id}, __row, region, year, measure, value, unit, source
        FROM {good(staged)} ORDER BY __row
    """)
    supersede(ctx, REGIONAL_STAT)
    return count(ctx, good(staged))


REGIONAL = Kind(
    "regional",
    ("Aluetilastot", "Regional statistics"),
    COLUMNS,
    tables=(REGIONAL_STAT,),
    view="v_regional_stat",
    loader=load,
    template_sheet="Aluetilastot",
)
