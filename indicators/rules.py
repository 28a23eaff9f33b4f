"""The shared rules of SPEC 5 (membership on a date, attended and de-duplicated participation,
engagement, funded projects, survey answers, funding groups) as DuckDB macros, written once in
``sql/rules.sql`` and created on a cursor before an indicator query or page analytic runs on it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import duckdb

from data.sqlfunc import sql_list

# FUN-1 source groups (SPEC 5): paid funding by group is shown against the cookbook's 20/30/50
# reference; any other source type is ``other``.
FUNDING_GROUPS: dict[str, tuple[str, ...]] = {
    "public_long_term": ("city_base_funding", "other_municipality", "regional", "national_base"),
    "members": ("membership_fee", "service_fee"),
    "projects": ("eu_project", "national_project", "other_project"),
}


@cache
def read_sql(name: str) -> str:
    """The text of ``indicators/sql/<name>``."""
    return files("indicators.sql").joinpath(name).read_text(encoding="utf-8")


def _funding_group_macro() -> str:
    whens = " ".join(
        f"WHEN source_type IN {sql_list(sources)} THEN '{group}'"
        for group, sources in FUNDING_GROUPS.items()
    )
    return (
        f"CREATE OR REPLACE TEMP MACRO funding_group(source_type) AS CASE {whens} ELSE 'other' END;"
    )


@cache
def rules_sql() -> str:
    """Every macro of the shared rules as one script."""
    return read_sql("rules.sql") + "\n" + _funding_group_macro()


def install(cur: duckdb.DuckDBPyConnection) -> None:
    """Create the rule macros on ``cur`` (temporary: they live as long as the cursor, or until
    the transaction they were created in is rolled back)."""
    cur.execute(rules_sql())
