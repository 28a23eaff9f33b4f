"""The ``klusterimittari`` command line (SPEC 4).

Each sub-command lives in its own module under ``cli/`` and exposes
``register(subparsers, common) -> None``; the module sets ``func(args) -> int`` as the parser
default. Exit codes: 0 success, 1 input rejected, 2 usage error. Messages follow ``--lang``.
Errors any command can meet while opening the database or the custom indicators are shown here
as a message, never as a traceback; a command handles its own typed errors itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from data.pseudonym import KeyFileError
from data.schema import SchemaTooNew
from data.store import DEFAULT_CLUSTER, DatabaseBusy
from indicators.custom import CustomIndicatorError

# Sub-command modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "cli.cmd_import",
    "cli.cmd_imports",
    "cli.cmd_profiles",
    "cli.cmd_indicators",
    "cli.cmd_export",
    "cli.cmd_template",
    "cli.cmd_demo",
    "cli.cmd_target",
    "cli.cmd_user",
    "cli.cmd_backup",
)


def common_options() -> argparse.ArgumentParser:
    """Options every command takes: --db, --cluster, --lang."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", help="DuckDB file (default: $KLUSTERIMITTARI_DB or ./klusterimittari.duckdb)"
    )
    common.add_argument("--cluster", default=DEFAULT_CLUSTER, help="cluster id (default: default)")
    common.add_argument(
        "--lang", choices=("fi", "en"), default="fi", help="language of the messages (default: fi)"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The parser of every sub-command. Help texts are English: ``help`` a short phrase in lower
    case, ``description`` whole sentences; what a command prints follows ``--lang``."""
    parser = argparse.ArgumentParser(
        prog="klusterimittari", description="Klusterimittari: the impact dashboard of a cluster."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    common = common_options()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (DatabaseBusy, SchemaTooNew, KeyFileError, CustomIndicatorError) as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
