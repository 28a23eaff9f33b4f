"""Regional statistics (SPEC 2 regional): context for the region, never the cluster's effect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.kinds.base import INT, NUMBER, TEXT, Column, Kind, Table
from data.load import LoadContext, count, good, supersede
from data.sqlfunc import YEAR_RANGE, sql_str

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
    C(
        "region_code",
        "Aluekoodi",
        TEXT,
        ("aluekoodi", "kuntakoodi", "kuntanumero", "region code", "municipality code"),
        example="KU430",
    ),
)
# Statistics Finland's names of the measures the app knows by code (SPEC 2 regional); other
# measures keep their names.
MEASURES = {
    "population": ("väkiluku", "väestö", "asukasluku", "väestö 31.12.", "population"),
    "employment_total": ("työlliset", "työllisten määrä", "employed persons", "employed"),
    "net_migration": ("nettomuutto", "kuntien välinen nettomuutto", "net migration"),
    "establishments": ("toimipaikat", "toimipaikkojen lukumäärä", "establishments"),
}
# Statistics Finland writes a region with its code in front: ``KU430 Loimaa``, ``MK02
# Varsinais-Suomi``, ``SSS Koko maa``.
CODED_REGION = r"^([A-Z]{2,3}[0-9]{0,3})\s+(\S.*)$"


def _measure_sql(column: str) -> str:
    names = " ".join(
        f"WHEN {sql_str(name)} THEN {sql_str(code)}"
        for code, aliases in MEASURES.items()
        for name in aliases
    )
    key = f"regexp_replace(lower(trim({column})), '\\s*\\([^()]*\\)$', '')"
    return f"coalesce(CASE {key} {names} END, {column})"


REGIONAL_STAT = Table("regional_stat", key="lower(region) || '|' || year || '|' || lower(measure)")


def load(ctx: LoadContext, staged: Staged) -> int:
    coded = sql_str(CODED_REGION)
    ctx.cur.execute(f"""
        INSERT INTO regional_stat (cluster_id, import_id, row_no, region, year, measure, value,
                                   unit, source, region_code)
        SELECT {ctx.cluster}, {ctx.import_id}, __row,
               coalesce(nullif(regexp_extract(region, {coded}, 2), ''), region), year,
               {_measure_sql("measure")}, value, unit, source,
               coalesce(region_code, nullif(regexp_extract(region, {coded}, 1), ''))
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
