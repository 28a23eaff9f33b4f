"""The clusters of an installation and each cluster's own profile (edited on the Settings page).

Each function takes a connection (the caller passes a cursor) and runs one short query; the
profile is written with its audit entry in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from data import audit
from data.store import DEFAULT_CLUSTER, write_transaction
from i18n import t

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


def display_name(cluster_id: str, name: str | None, lang: str) -> str:
    """The cluster's name for people: the one its profile gives, else a plain "Klusteri" for
    the installation's default cluster instead of its identifier."""
    if name and not (name == cluster_id == DEFAULT_CLUSTER):
        return name
    return t("data.cluster.unnamed", lang) if cluster_id == DEFAULT_CLUSTER else cluster_id


def display_names(known: list[tuple[str, str]], lang: str) -> dict[str, str]:
    """Each cluster's name for people, told apart: two clusters whose profiles give the same
    name are shown with their identifiers, so no list, table or chart holds two alike."""
    names = {cid: display_name(cid, name, lang) for cid, name in known}
    shown = list(names.values())
    return {cid: f"{n} ({cid})" if shown.count(n) > 1 else n for cid, n in names.items()}


def clusters(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(cluster_id, name)`` of every cluster, by name."""
    return con.execute("SELECT cluster_id, name FROM cluster ORDER BY name, cluster_id").fetchall()


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
    with write_transaction(con) as cur:
        cur.execute(
            "UPDATE cluster SET name = ?, org_form = ?, staff_fte = ?, "
            "strategic_priorities = ?, tiers = ?, region = ? WHERE cluster_id = ?",
            values,
        )
        audit.record(
            cur,
            "cluster_profile",
            f"{cluster_id}: {new.name}",
            user=user,
            cluster_id=cluster_id,
            fields={"name": new.name},
        )
