"""Undoing one import (SPEC 3): its rows go, the rows it replaced are effective again.

Works over the tables every kind declares (``data.kinds.TABLES``), so a new kind is undone
without a change here.
"""

from __future__ import annotations

import duckdb

from data.kinds import TABLES, Table
from data.sqlfunc import sql_str


def undo(cur: duckdb.DuckDBPyConnection, cluster_id: str, import_id: int) -> None:
    """Delete one import's rows and give back effectiveness to the rows it replaced.

    Rows it replaced get the ``replaced_by`` of the import's own row with the same key (NULL
    unless a later import replaced that one too), so undoing an import in the middle of the
    history leaves the later imports in force. A row another import still uses (an event
    created by attendance that later attendance refers to) is kept; organisations it created
    that nothing refers to are removed.
    """
    cluster = sql_str(cluster_id)
    mine = f"cluster_id = {cluster} AND import_id = {import_id}"
    for table in TABLES:
        if table.key is None:
            continue
        cur.execute(f"""
            UPDATE {table.name} AS t SET replaced_by = m.next_import
            FROM (SELECT {table.key} AS k, min(replaced_by) AS next_import
                  FROM {table.key_source or table.name} WHERE {mine} GROUP BY k) m
            WHERE t.cluster_id = {cluster} AND t.replaced_by = {import_id}
              AND {table.key} = m.k
        """)
        cur.execute(
            f"UPDATE {table.name} SET replaced_by = NULL "
            f"WHERE cluster_id = {cluster} AND replaced_by = {import_id}"
        )
    for table in TABLES:
        cur.execute(
            f"DELETE FROM {table.name} WHERE {mine}{_still_used(table, cluster, import_id)}"
        )
    users = " UNION ALL ".join(
        f"SELECT org_id FROM {table.name} WHERE cluster_id = {cluster} AND org_id IS NOT NULL"
        for table in TABLES
        if table.holds_orgs
    )
    cur.execute(f"DELETE FROM organisation WHERE {mine} AND org_id NOT IN ({users})")


def _still_used(table: Table, cluster: str, import_id: int) -> str:
    """The condition keeping rows of ``table`` that another import's rows refer to, while no
    other import holds a version of them (the column has the same name in both tables)."""
    if table.kept_while_used is None:
        return ""
    user, column = table.kept_while_used
    return f"""
        AND NOT ({column} IN (SELECT {column} FROM {user}
                              WHERE cluster_id = {cluster} AND import_id <> {import_id})
                 AND {column} NOT IN (SELECT {column} FROM {table.name}
                                      WHERE cluster_id = {cluster} AND import_id <> {import_id}))
    """
