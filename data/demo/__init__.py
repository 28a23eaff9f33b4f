"""The built-in demo cluster: a fictional Loimaa-like technology cluster, 2023-2025.

Its data are ordinary upload files in ``files/`` (built by ``python -m data.demo.build``); a
second, smaller cluster (``second``, files in ``files/ruoka/``) can sit beside it.
imported through the normal importer in the order ``files/manifest.toml`` lists, so the demo
exercises exactly the path a cluster manager's own files take.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import duckdb

from data.demo import second
from data.importer import import_file
from data.report import ImportReport
from data.store import ensure_cluster, write_transaction

FILES_DIR = Path(__file__).parent / "files"
MANIFEST = FILES_DIR / "manifest.toml"

# The cluster profile the demo sets (DOMAIN 0.3: the organisation form was to be settled in
# 2023; the demo assumes an association).
PROFILE: dict[str, Any] = {
    "name": "Loimaan teknologiaklusteri (demo)",
    "org_form": "ry",
    "staff_fte": 0.5,
    "strategic_priorities": [
        "Osaavan työvoiman saatavuus ja uudet asukkaat",
        "Loimaan teknologiateollisuuden näkyvyys ja yritysten sijoittuminen",
    ],
    "tiers": ["Veturiyritys", "Perusjäsen", "Pienyritys", "Kumppani", "Yhdistysjäsen"],
    "region": "Loimaa",
}
# Import options a manifest entry may carry besides ``file``.
_OPTIONS = ("kind", "survey_name", "survey_year", "invited", "event_title", "event_date")


def manifest(folder: Path = FILES_DIR) -> list[dict[str, Any]]:
    """The demo files of ``folder`` in import order, each with its import options."""
    with (folder / MANIFEST.name).open("rb") as fh:
        return tomllib.load(fh)["file"]


def has_data(con: duckdb.DuckDBPyConnection, cluster_id: str) -> bool:
    """True when the cluster has any loaded (not undone) import."""
    return (
        con.execute(
            "SELECT count(*) FROM import_log WHERE cluster_id = ? AND status = 'loaded'",
            [cluster_id],
        ).fetchone()[0]
        > 0
    )


def load_demo(
    con: duckdb.DuckDBPyConnection, cluster_id: str = "default", user: str | None = None
) -> list[ImportReport]:
    """Import every demo file into ``cluster_id`` and set the demo cluster profile.

    Returns the import reports in manifest order. A re-run changes nothing: the member
    register (a snapshot) replaces itself and every other file is reported as a no-op.
    """
    return _load(con, cluster_id, FILES_DIR, PROFILE, user)


def load_second_demo(con: duckdb.DuckDBPyConnection, user: str | None = None) -> list[ImportReport]:
    """The second demo cluster (``data.demo.second``) beside the first, for comparing clusters."""
    return _load(con, second.CLUSTER_ID, FILES_DIR / second.CLUSTER_ID, second.PROFILE, user)


def _load(
    con: duckdb.DuckDBPyConnection,
    cluster_id: str,
    folder: Path,
    profile: dict[str, Any],
    user: str | None,
) -> list[ImportReport]:
    ensure_cluster(con, cluster_id, profile["name"])
    reports = []
    for entry in manifest(folder):
        options = {key: entry[key] for key in _OPTIONS if key in entry}
        reports.append(
            import_file(con, folder / entry["file"], cluster_id=cluster_id, user=user, **options)
        )
    with write_transaction(con) as cur:
        cur.execute(
            "UPDATE cluster SET name = $name, org_form = $org_form, staff_fte = $staff_fte, "
            "strategic_priorities = $strategic_priorities, tiers = $tiers, region = $region "
            "WHERE cluster_id = $cluster_id",
            {**profile, "cluster_id": cluster_id},
        )
    return reports
