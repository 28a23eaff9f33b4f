"""``klusterimittari export --out FILE.xlsx [--year Y] [--board]``: the indicator workbook, or
the board report (a workbook with charts plus a self-contained HTML page beside it)."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from cli.cmd_indicators import load_custom
from data.store import open_db
from export.board_data import board_years
from export.board_report import board_report
from export.workbook import export_workbook
from i18n import t


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("export", parents=[common], help=t("export.cli.help", "en"),
                                   description=t("export.cli.help", "en"))
    parser.add_argument("--out", required=True, type=Path, help=t("export.cli.out", "en"))
    parser.add_argument("--year", type=int, help=t("export.cli.year", "en"))
    parser.add_argument("--board", action="store_true", help=t("export.cli.board", "en"))
    parser.set_defaults(func=run)


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(t("export.cli.bad_suffix", args.lang, path=out), file=sys.stderr)
        return 2
    con = open_db(args.db)
    try:
        error = load_custom(con, args.lang)
        if error:
            print(error, file=sys.stderr)
            return 1
        if args.board:
            report = board_report(con, args.cluster, board_years(con, args.cluster, args.year),
                                  args.lang, user=_user())
            files = {out: report.xlsx, out.with_suffix(".html"): report.html.encode("utf-8")}
        else:
            files = {out: export_workbook(con, args.cluster, year=args.year, lang=args.lang,
                                          user=_user())}
    finally:
        con.close()
    for path, data in files.items():
        try:
            path.write_bytes(data)
        except OSError as exc:
            print(t("export.cli.cannot_write", args.lang, path=path, reason=exc.strerror),
                  file=sys.stderr)
            return 1
        print(t("export.cli.written", args.lang, path=path))
    return 0
