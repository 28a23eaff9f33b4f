"""What the app's global controls need from the database: clusters, years, data version,
accounts, the audit log's size, profile.

Each function takes a connection (the caller passes a cursor) and runs one short query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from data import audit
from data.store import WRITE_LOCK

ORG_FORMS = (
    "ry",
    "oy",
    "osuuskunta",
    "city_unit",
    "dev_company_project",
    "contract_based",
    "anchor_led",
    "university_hosted",
    "undefined",
)


def clusters(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(cluster_id, name)`` of every cluster, by name."""
    return con.execute("SELECT cluster_id, name FROM cluster ORDER BY name, cluster_id").fetchall()


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes whenever imports, undos, targets or cluster profiles change.

    Cached page results are keyed by it, so another process's import (the command line) also
    refreshes the app.
    """
    row = con.execute("""
        SELECT (SELECT coalesce(max(import_id), 0) FROM import_log),
               (SELECT count(*) FROM import_log WHERE undone_at IS NOT NULL),
               (SELECT count(*) || '@' || coalesce(max(set_at)::VARCHAR, '') FROM target),
               (SELECT count(*) FROM audit_log WHERE action IN ('target_remove', 'cluster_profile'))
    """).fetchone()
    return "/".join(str(part) for part in row)


def account_role(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The role of local account ``name`` now, or None once it has been removed."""
    row = con.execute("SELECT role FROM app_user WHERE user_name = ?", [name]).fetchone()
    return row[0] if row else None


def audit_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes with every audit entry (keys the cached audit log view)."""
    return str(con.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@dataclass(frozen=True)
class Profile:
    """The cluster's own description, edited on the Settings page."""

    name: str
    org_form: str | None
    staff_fte: float | None
    strategic_priorities: tuple[str, ...]
    tiers: tuple[str, ...]
    region: str | None


def profile(con: duckdb.DuckDBPyConnection, cluster_id: str) -> Profile:
    """The cluster row as a Profile."""
    row = con.execute(
        "SELECT name, org_form, staff_fte, coalesce(strategic_priorities, []), "
        "coalesce(tiers, []), region FROM cluster WHERE cluster_id = ?",
        [cluster_id],
    ).fetchone()
    return Profile(row[0], row[1], row[2], tuple(row[3]), tuple(row[4]), row[5])


def register_tiers(con: duckdb.DuckDBPyConnection, cluster_id: str) -> list[str]:
    """Tiers named in the effective member register, for suggesting the profile's tier list."""
    return [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT tier FROM v_member WHERE cluster_id = ? AND tier IS NOT NULL "
            "ORDER BY tier",
            [cluster_id],
        ).fetchall()
    ]


def save_profile(
    con: duckdb.DuckDBPyConnection, cluster_id: str, new: Profile, *, user: str | None
) -> None:
    """Store the profile and audit the change, in one transaction under the write lock."""
    values: list[Any] = [
        new.name.strip() or cluster_id,
        new.org_form,
        new.staff_fte,
        list(new.strategic_priorities),
        list(new.tiers),
        new.region,
        cluster_id,
    ]
    with WRITE_LOCK:
        con.begin()
        try:
            con.execute(
                "UPDATE cluster SET name = ?, org_form = ?, staff_fte = ?, "
                "strategic_priorities = ?, tiers = ?, region = ? WHERE cluster_id = ?",
                values,
            )
            audit.record(
                con,
                "cluster_profile",
                f"{cluster_id}: {new.name}",
                user=user,
                cluster_id=cluster_id,
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
