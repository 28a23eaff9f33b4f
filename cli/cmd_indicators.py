"""``klusterimittari indicators [--year Y] [--format json|csv|table]``: every indicator result (SPEC 4)."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys

import duckdb

from data.store import open_db
from i18n import t
from i18n.format import money, number, share
from indicators import custom
from indicators.compute import compute, custom_errors
from indicators.record import Result
from indicators.registry import REGISTRY

FIELDS = tuple(f.name for f in dataclasses.fields(Result))


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
        custom.register_installed(con)
        results = compute(con, args.cluster, args.year, args.lang)
        print_custom_errors(con, args.cluster, args.year, args.lang)
    finally:
        con.close()
    {"json": _json, "csv": _csv, "table": _table}[args.format](results, args.lang)
    return 0


def print_custom_errors(
    con: duckdb.DuckDBPyConnection, cluster_id: str, year: int | None, lang: str
) -> None:
    """Why a custom indicator failed, on the error stream for the person at the console (the
    manager); the results and files others read carry only a neutral note."""
    for error in custom_errors(con, cluster_id, year).values():
        print(error.text(lang), file=sys.stderr)


def _json(results: list[Result], lang: str) -> None:
    json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _csv(results: list[Result], lang: str) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {**r.to_dict(), "suppressed": "true" if r.suppressed else "false"} for r in results
    )


def metric_label(code: str, metric: str, lang: str) -> str:
    """The metric's name in ``lang``; a family member adds its key (``Mean (1–5): A6``)."""
    spec = REGISTRY[code].metric(metric) if code in REGISTRY else None
    if spec is None:
        return metric
    label = spec.label_en if lang == "en" else spec.label_fi
    return f"{label}: {metric[len(spec.name) - 1 :]}" if spec.is_family else label


def format_value(result: Result, lang: str) -> str:
    """The value as a reader expects it: euros, percentages, means with two decimals."""
    if result.value is None:
        return "–"
    if result.unit == "eur":
        return money(result.value, lang, 2)
    if result.unit in ("share", "ratio"):
        return share(result.value, lang, 1)
    return number(result.value, lang, 2 if result.unit == "score" else 0)


def _table(results: list[Result], lang: str) -> None:
    if not results:
        print(t("indicators.cli.empty", lang))
        return
    current = None
    for r in results:
        if r.code != current:
            current = r.code
            print(f"\n{r.code}  {r.name_en if lang == 'en' else r.name_fi}")
        n = f"  n={r.n}" if r.n is not None else ""
        note = f"  ({r.note})" if r.note else ""
        year = r.year if r.year is not None else "–"
        print(f"  {year}  {metric_label(r.code, r.metric, lang)}: {format_value(r, lang)}{n}{note}")
