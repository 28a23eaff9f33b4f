"""``klusterimittari import FILE...``: import files and print each report (SPEC 4).

Exit 0 when every file was loaded or was a no-op, 1 when any was rejected, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.login import login_name
from data import reading
from data.importer import import_file, parse_date_arg
from data.kinds import KINDS
from data.profiles import get as get_profile
from data.register import REMOVAL_LIMIT
from data.sqlfunc import YEAR_RANGE
from data.store import open_db
from i18n import t


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help="import Excel, ODS or CSV files",
        description="Import one or more files; each file is loaded completely or not at all.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="files to import")
    parser.add_argument("--kind", choices=sorted(KINDS), help="sheet kind (default: detect)")
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="read the file with this saved source profile (default: a profile whose header "
        "row the file has, else detect)",
    )
    parser.add_argument("--event-title", help="event of an attendance list without event columns")
    parser.add_argument("--event-date", help="its date: 2025-06-20 or 20.6.2025")
    parser.add_argument("--survey-name", help="survey name (default: the file name)")
    parser.add_argument("--survey-year", type=int, help="survey year (default: year answered)")
    parser.add_argument("--invited", type=int, help="number of people invited to the survey")
    parser.add_argument(
        "--register-year",
        type=int,
        help="year of a member register without a year or snapshot-date column, under which "
        "its employee counts are kept (default: the import's year)",
    )
    parser.add_argument(
        "--max-bad-rows",
        type=float,
        default=0.0,
        metavar="F",
        help="load a file when the share of rejected rows is below F (0-1); "
        "default 0: any bad row rejects the file",
    )
    parser.add_argument(
        "--replace-register",
        action="store_true",
        help="load a member register even when it removes more than a fifth of the current "
        "register's organisations",
    )
    parser.add_argument("--user", help="user name for the import log (default: login name)")
    parser.set_defaults(func=run)


def _usage_error(args: argparse.Namespace) -> str | None:
    """The message of a usage error in the options, or None."""
    if not 0.0 <= args.max_bad_rows <= 1.0:
        return t("data.cli.bad_share", args.lang, value=args.max_bad_rows)
    if args.invited is not None and args.invited < 0:
        return t("data.cli.bad_invited", args.lang, value=args.invited)
    low, high = YEAR_RANGE
    if args.register_year is not None and not low <= args.register_year <= high:
        return t("data.cli.bad_year", args.lang, value=args.register_year, low=low, high=high)
    if args.event_date is not None:
        try:
            args.event_date = parse_date_arg(args.event_date)
        except ValueError:
            return t("data.cli.bad_date", args.lang, value=args.event_date)
    if (args.event_title is None) != (args.event_date is None):
        return t("data.cli.event_pair", args.lang)
    return None


def run(args: argparse.Namespace) -> int:
    problem = _usage_error(args)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    reading.warm()  # the first file's parsing worker starts while the database opens
    con = open_db(args.db)
    rejected = False
    try:
        if args.profile is not None and get_profile(con, args.cluster, args.profile) is None:
            print(t("data.profile.unknown", args.lang, name=args.profile), file=sys.stderr)
            return 2
        for number, name in enumerate(args.files, start=1):
            report = import_file(
                con,
                Path(name),
                cluster_id=args.cluster,
                kind=args.kind,
                profile=args.profile,
                event_title=args.event_title,
                event_date=args.event_date,
                survey_name=args.survey_name,
                survey_year=args.survey_year,
                invited=args.invited,
                register_year=args.register_year,
                max_bad_rows=args.max_bad_rows,
                removal_limit=None if args.replace_register else REMOVAL_LIMIT,
                user=args.user or login_name(),
            )
            if number < len(args.files):
                reading.warm()
            print(report.to_text(args.lang))
            if report.message == "data.register.refused":
                print(t("data.register.cli_hint", args.lang), file=sys.stderr)
            rejected = rejected or report.status == "rejected"
    finally:
        con.close()
    return 1 if rejected else 0
