"""What a member register would change before it replaces the current one (SPEC 3).

A register is a snapshot: loading it removes every organisation of the current register
(``v_member``) it does not name. ``preview`` compares the staged register with the current
one in SQL, matching organisations as the loader does (business ID, else normalised name)
but creating none, and lists who joins, who leaves and whose register data changes. The
importer refuses a register that removes more than the allowed share of the register's
organisations until the manager confirms (app) or gives ``--replace-register`` (CLI).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from data import orgs
from data.fields import field_label
from data.sqlfunc import sql_str
from i18n import t

# Share of the current register a new register may remove without a confirmation (CLI).
REMOVAL_LIMIT = 0.2
# Organisations named per list in the text report; the app lists them all.
NAMES_SHOWN = 30

# Register columns compared for "changes", with the value the loader writes for them.
COMPARED: dict[str, str] = {
    "org_type": "coalesce(n.org_type, 'other')",
    "size_class": "n.size_class",
    "employees": "n.employees",
    "turnover_eur": "CAST(n.turnover_eur AS DECIMAL(18,2))",
    "sector": "n.sector",
    "municipality": "n.municipality",
    "tier": "n.tier",
    "status": "coalesce(n.status, 'member')",
    "member_since": "n.member_since",
    "member_until": "n.member_until",
    "governance_role": "coalesce(n.governance_role, 'none')",
    "annual_fee_eur": "CAST(n.annual_fee_eur AS DECIMAL(18,2))",
}


@dataclass(frozen=True)
class Change:
    """One organisation in both registers whose register data differs."""

    name: str
    columns: tuple[str, ...]  # register columns (``data.kinds`` names) that differ

    def labels(self, lang: str = "fi") -> str:
        """The changed columns as people call them: ``Henkilöstö, Jäsenyyden tila``."""
        return ", ".join(field_label("members", column, lang) for column in self.columns)


@dataclass(frozen=True)
class RegisterChange:
    """Who joins, leaves and changes when the staged register replaces the current one."""

    current: int  # organisations in the current register
    joins: tuple[str, ...]
    leaves: tuple[str, ...]
    changes: tuple[Change, ...]

    @property
    def removed_share(self) -> float:
        return len(self.leaves) / self.current if self.current else 0.0

    def exceeds(self, limit: float | None) -> bool:
        """True when the register removes more than ``limit`` of the current register
        (None: no limit; 0: any removal)."""
        return limit is not None and bool(self.leaves) and self.removed_share > limit

    def lines(self, lang: str = "fi") -> list[str]:
        """The preview as text: the counts, then who leaves, joins and changes."""
        out = [
            t(
                "data.register.summary",
                lang,
                current=self.current,
                joins=len(self.joins),
                leaves=len(self.leaves),
                changes=len(self.changes),
            )
        ]
        if self.leaves:
            out.append("  " + t("data.register.leaves", lang, names=_names(self.leaves, lang)))
        if self.joins:
            out.append("  " + t("data.register.joins", lang, names=_names(self.joins, lang)))
        if self.changes:
            described = [f"{c.name} ({c.labels(lang)})" for c in self.changes]
            out.append("  " + t("data.register.changes", lang, names=_names(described, lang)))
        return out


def _names(names: Sequence[str], lang: str) -> str:
    """Names for the text report: the first ``NAMES_SHOWN`` and how many more."""
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return shown if more <= 0 else f"{shown} {t('data.register.more', lang, count=more)}"


def preview(cur: duckdb.DuckDBPyConnection, staged_table: str, cluster_id: str) -> RegisterChange:
    """Compare the good rows of the staged member sheet ``staged_table`` with the cluster's
    current register; writes nothing but temp tables on ``cur``."""
    cluster = sql_str(cluster_id)
    good = f'(SELECT * FROM "{staged_table}" WHERE NOT __bad)'
    out = f"{staged_table}_regmatch"
    orgs.match(
        cur,
        f"SELECT __row AS ref, business_id, name, org_type FROM {good}",
        out,
        cluster_id=cluster_id,
    )
    # The last row per organisation of its latest year wins, as when loading (a row without
    # a year or date is of the register's own year, the latest).
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out}_new AS
        SELECT g.*, m.org_id, coalesce(CAST(m.org_id AS VARCHAR),
                                       'b:' || m.business_id, 'n:' || m.name_key) AS __org
        FROM {good} g JOIN {out} m ON m.ref = g.__row
        QUALIFY row_number() OVER (PARTITION BY __org ORDER BY
            coalesce(g.year, year(g.as_of)) DESC NULLS FIRST, g.__row DESC) = 1
    """)
    current = cur.execute(
        f"SELECT count(DISTINCT org_id) FROM v_member WHERE cluster_id = {cluster}"
    ).fetchone()[0]
    joins = cur.execute(f"""
        SELECT n.name FROM {out}_new n
        WHERE n.org_id IS NULL OR n.org_id NOT IN
            (SELECT org_id FROM v_member WHERE cluster_id = {cluster})
        ORDER BY lower(n.name), n.__row
    """).fetchall()
    leaves = cur.execute(f"""
        SELECT o.name FROM (SELECT DISTINCT org_id FROM v_member WHERE cluster_id = {cluster}) m
        JOIN organisation o ON o.cluster_id = {cluster} AND o.org_id = m.org_id
        WHERE m.org_id NOT IN (SELECT org_id FROM {out}_new WHERE org_id IS NOT NULL)
        ORDER BY lower(o.name)
    """).fetchall()
    differs = ", ".join(
        f"CASE WHEN {new} IS DISTINCT FROM m.{column} THEN '{column}' END"
        for column, new in COMPARED.items()
    )
    changes = cur.execute(f"""
        SELECT o.name, list_filter([{differs}], lambda c: c IS NOT NULL) AS columns
        FROM {out}_new n
        JOIN v_member m ON m.cluster_id = {cluster} AND m.org_id = n.org_id
        JOIN organisation o ON o.cluster_id = {cluster} AND o.org_id = n.org_id
        WHERE len(list_filter([{differs}], lambda c: c IS NOT NULL)) > 0
        ORDER BY lower(o.name)
    """).fetchall()
    cur.execute(f"DROP TABLE {out}; DROP TABLE {out}_new")
    return RegisterChange(
        current=current,
        joins=tuple(name for (name,) in joins),
        leaves=tuple(name for (name,) in leaves),
        changes=tuple(Change(name, tuple(columns)) for name, columns in changes),
    )
