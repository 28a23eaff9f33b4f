"""``klusterimittari template KIND --out FILE.xlsx``: a blank upload template (SPEC 4)."""

from __future__ import annotations

import argparse
import sys

from data.kinds import KINDS
from data.templates import write_template
from i18n import t


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "template",
        parents=[common],
        help="write a blank upload template",
        description="Write an .xlsx template with Finnish headers, an example row, drop-down "
        "lists and an instructions sheet.",
    )
    parser.add_argument("kind", choices=list(KINDS), help="sheet kind")
    parser.add_argument("--out", required=True, metavar="FILE.xlsx", help="file to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        write_template(args.kind, args.out)
    except OSError as exc:
        print(
            t("data.cli.write_failed", args.lang, path=args.out, error=exc.strerror or exc),
            file=sys.stderr,
        )
        return 1
    print(
        t(
            "data.cli.template_written",
            args.lang,
            path=args.out,
            kind=t(f"data.kind.{args.kind}", args.lang),
        )
    )
    return 0
