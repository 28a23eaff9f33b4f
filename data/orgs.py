"""Organisation matching (SPEC 3), in SQL over a whole sheet at once.

A reference matches a known organisation of the cluster by business ID, else by normalised
name (``km_name_key``: casefold, legal forms, punctuation and spaces removed). References that
match nothing create organisations, one per business ID, then one per normalised name, so
``Acme Oy`` and ``ACME oy`` on two attendance rows become one organisation. Creating an
organisation never creates a membership.
"""

from __future__ import annotations

import duckdb

from data.sqlfunc import sql_str


def _match(cur: duckdb.DuckDBPyConnection, refs: str, out: str, cluster: str) -> None:
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        WITH by_bid AS (
            SELECT business_id, min(org_id) AS org_id FROM organisation
            WHERE cluster_id = {cluster} AND business_id IS NOT NULL GROUP BY business_id),
        by_name AS (
            SELECT name_key, min(org_id) AS org_id FROM organisation
            WHERE cluster_id = {cluster} GROUP BY name_key)
        SELECT r.ref, r.business_id, r.name, r.name_key, r.org_type,
               coalesce(b.org_id, n.org_id) AS org_id
        FROM {refs} r
        LEFT JOIN by_bid b ON b.business_id = r.business_id
        LEFT JOIN by_name n ON n.name_key = r.name_key
    """)


def _create(
    cur: duckdb.DuckDBPyConnection,
    matched: str,
    group: str,
    where: str,
    cluster: str,
    import_id: int,
) -> None:
    cur.execute(f"""
        INSERT INTO organisation (cluster_id, org_id, name, name_key, business_id, org_type,
                                  import_id)
        SELECT {cluster}, nextval('seq_org'), name, name_key, business_id, org_type, {import_id}
        FROM (
            SELECT arg_min(name, ref) AS name, arg_min(name_key, ref) AS name_key,
                   arg_min(business_id, ref) AS business_id, arg_min(org_type, ref) AS org_type
            FROM {matched} WHERE org_id IS NULL AND {where} GROUP BY {group}
        ) ORDER BY name_key
    """)


def _keyed_refs(cur: duckdb.DuckDBPyConnection, refs_sql: str, refs: str) -> None:
    """Temp table ``refs``: the references with their normalised names."""
    # A sheet names each organisation on many rows: each distinct name is keyed once.
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE {refs} AS
        WITH r AS (
            SELECT ref, business_id, coalesce(name, business_id) AS name,
                   coalesce(org_type, 'other') AS org_type
            FROM ({refs_sql}) WHERE name IS NOT NULL OR business_id IS NOT NULL),
        keys AS (SELECT name, km_name_key(name) AS name_key FROM (SELECT DISTINCT name FROM r))
        SELECT r.ref, r.business_id, r.name, keys.name_key, r.org_type
        FROM r JOIN keys USING (name)
    """)


def match(cur: duckdb.DuckDBPyConnection, refs_sql: str, out: str, *, cluster_id: str) -> None:
    """Temp table ``out(ref, name, name_key, org_id)``: the known organisation each reference
    in ``refs_sql`` (as for ``resolve``) matches, NULL when none; creates nothing."""
    refs = f"{out}_refs"
    _keyed_refs(cur, refs_sql, refs)
    _match(cur, refs, out, sql_str(cluster_id))
    cur.execute(f"DROP TABLE {refs}")


def resolve(
    cur: duckdb.DuckDBPyConnection, refs_sql: str, out: str, *, cluster_id: str, import_id: int
) -> int:
    """Create temp table ``out(ref, org_id)`` for the references in ``refs_sql``.

    ``refs_sql`` selects ``ref, business_id, name, org_type`` (business_id already validated,
    org_type the type a new organisation gets). Returns how many organisations were created.
    """
    cluster = sql_str(cluster_id)
    refs, matched = f"{out}_refs", f"{out}_m"
    _keyed_refs(cur, refs_sql, refs)
    before = cur.execute(
        f"SELECT count(*) FROM organisation WHERE cluster_id = {cluster}"
    ).fetchone()[0]
    _match(cur, refs, matched, cluster)
    _create(cur, matched, "business_id", "business_id IS NOT NULL", cluster, import_id)
    _match(cur, refs, matched, cluster)
    _create(cur, matched, "name_key", "true", cluster, import_id)
    _match(cur, refs, matched, cluster)
    cur.execute(f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT ref, org_id FROM {matched}")
    cur.execute(f"DROP TABLE {refs}; DROP TABLE {matched}")
    after = cur.execute(
        f"SELECT count(*) FROM organisation WHERE cluster_id = {cluster}"
    ).fetchone()[0]
    return after - before
