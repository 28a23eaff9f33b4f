"""``klusterimittari indicators [--year Y] [--format json|csv|table]``: every result (SPEC 4)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

import duckdb

from data.store import open_db
from i18n import t
from indicators import honesty, present
from indicators.compute import compute, custom_errors
from indicators.record import FIELDS, Result
from indicators.registry import Registry, load_registry


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "indicators",
        parents=[common],
        help="print every indicator per year",
        description="Print every indicator result per year as a table, JSON or CSV; custom "
        "indicators of the installation are included.",
    )
    parser.add_argument("--year", type=int, help="one year only (default: every year with data)")
    parser.add_argument(
        "--format",
        choices=("json", "csv", "table"),
        default="table",
        help="output format (default: table)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    con = open_db(args.db)
    try:
        registry = load_registry(con)
        results = compute(con, registry, args.cluster, args.year)
        print_custom_errors(con, registry, args.cluster, args.year, args.lang)
    finally:
        con.close()
    if args.format == "table":
        _table(results, registry, args.lang)
    else:
        {"json": _json, "csv": _csv}[args.format]([present.record(r, args.lang) for r in results])
    return 0


def print_custom_errors(
    con: duckdb.DuckDBPyConnection,
    registry: Registry,
    cluster_id: str,
    year: int | None,
    lang: str,
) -> None:
    """Why a custom indicator failed, on the error stream for the person at the console (the
    manager); the results and files others read carry only a neutral note."""
    for error in custom_errors(con, registry, cluster_id, year).values():
        print(error.message(lang), file=sys.stderr)


def _json(records: list[dict]) -> None:
    json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _csv(records: list[dict]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**r, "suppressed": "true" if r["suppressed"] else "false"} for r in records)


def _table(results: list[Result], registry: Registry, lang: str) -> None:
    if not results:
        print(t("indicators.cli.empty", lang))
        return
    current = None
    for r in results:
        entry = registry.get(r.code)
        if r.code != current:
            current = r.code
            print(f"\n{r.code}  {present.result_name(r, lang)}")
        note = f"  ({present.note_text(r.note, lang)})" if r.note and not r.suppressed else ""
        year = r.year if r.year is not None else "–"
        label = present.metric_label(entry, r.metric, lang)
        recorded = honesty.recorded(r.unit, r.n, r.value)
        value = present.figure_text(
            r.value, r.unit, lang, suppressed=r.suppressed, recorded=recorded
        )
        n = present.n_suffix(r.n, r.unit, lang, recorded=recorded)
        print(f"  {year}  {label}: {value}{n}{note}")
