"""``klusterimittari export --out FILE.xlsx [--year Y] [--board]``: the indicator workbook, or
the board report (a workbook with charts plus a self-contained HTML page beside it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.cmd_indicators import print_custom_errors
from cli.login import login_name
from data.store import open_db
from export.board_data import board_years
from export.board_report import board_report
from export.workbook import export_workbook
from i18n import t
from indicators.registry import load_registry


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[common],
        help="export the indicators as an Excel workbook",
        description="Export the indicators as an Excel workbook (.xlsx); with --board, the board "
        "report: a workbook with charts and a self-contained HTML page beside it.",
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE.xlsx", help="file to write"
    )
    parser.add_argument("--year", type=int, help="one year only (default: every year with data)")
    parser.add_argument(
        "--board",
        action="store_true",
        help="write the board report (and an HTML page of the same name)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(t("export.cli.bad_suffix", args.lang, path=out), file=sys.stderr)
        return 2
    con = open_db(args.db)
    try:
        registry = load_registry(con)
        print_custom_errors(con, registry, args.cluster, args.year, args.lang)
        if args.board:
            report = board_report(
                con,
                registry,
                args.cluster,
                board_years(con, registry, args.cluster, args.year),
                args.lang,
                user=login_name(),
            )
            files = {out: report.xlsx, out.with_suffix(".html"): report.html.encode("utf-8")}
        else:
            files = {
                out: export_workbook(
                    con, registry, args.cluster, year=args.year, lang=args.lang, user=login_name()
                )
            }
    finally:
        con.close()
    for path, data in files.items():
        try:
            path.write_bytes(data)
        except OSError as exc:
            print(
                t("export.cli.cannot_write", args.lang, path=path, reason=exc.strerror),
                file=sys.stderr,
            )
            return 1
        print(t("export.cli.written", args.lang, path=path))
    return 0
