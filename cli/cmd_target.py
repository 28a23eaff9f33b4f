"""``klusterimittari target set|list|remove``: targets per indicator, metric and year."""

from __future__ import annotations

import argparse
import sys

import duckdb

from cli.login import login_name
from data.store import ensure_cluster, open_db
from i18n import t
from i18n.format import number, parse_number
from indicators.registry import load_registry
from indicators.targets import TargetError, list_targets, remove_target, set_target


def _value(text: str) -> float:
    """A target value as typed: ``1500``, ``1 500,5``, ``0.35`` or ``40 %``."""
    value = parse_number(text)
    if value is None:
        raise argparse.ArgumentTypeError(text)
    return value


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "target",
        help="set, list or remove indicator targets",
        description="Targets per indicator, metric and year, shown beside the results.",
    )
    actions = parser.add_subparsers(dest="target_action", required=True)
    set_parser = actions.add_parser("set", parents=[common], help="set a target")
    _target_key(set_parser)
    set_parser.add_argument("value", type=_value, help="target value: 1500, 1 500,5 or 0.35")
    actions.add_parser("list", parents=[common], help="list the targets")
    _target_key(actions.add_parser("remove", parents=[common], help="remove a target"))
    parser.set_defaults(func=run)


def _target_key(parser: argparse.ArgumentParser) -> None:
    """The code, metric and year that name a target."""
    parser.add_argument("code", help="indicator code, e.g. ORG-1")
    parser.add_argument("metric", help="metric name, e.g. members_year_end")
    parser.add_argument("year", type=int, help="year of the target")


def run(args: argparse.Namespace) -> int:
    con = open_db(args.db)
    try:
        registry = load_registry(con)
        if args.target_action == "list":
            _print_list(con, args.cluster, args.lang)
        elif args.target_action == "set":
            ensure_cluster(con, args.cluster)
            set_target(
                con,
                registry,
                args.cluster,
                args.code,
                args.metric,
                args.year,
                args.value,
                login_name(),
            )
            print(
                t(
                    "analytics.target.saved",
                    args.lang,
                    code=args.code,
                    metric=args.metric,
                    year=args.year,
                    value=number(args.value, args.lang, _decimals(args.value)),
                )
            )
        elif remove_target(con, args.cluster, args.code, args.metric, args.year, login_name()):
            print(
                t(
                    "analytics.target.removed",
                    args.lang,
                    code=args.code,
                    metric=args.metric,
                    year=args.year,
                )
            )
        else:
            print(
                t(
                    "analytics.target.not_found",
                    args.lang,
                    code=args.code,
                    metric=args.metric,
                    year=args.year,
                ),
                file=sys.stderr,
            )
            return 1
    except TargetError as exc:
        print(
            t("analytics.target.cli_error", args.lang, error=exc.message(args.lang)),
            file=sys.stderr,
        )
        return 1
    finally:
        con.close()
    return 0


def _decimals(value: float) -> int:
    """Decimals that show a typed target value as typed (at most 4)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _print_list(con: duckdb.DuckDBPyConnection, cluster_id: str, lang: str) -> None:
    rows = list_targets(con, cluster_id)
    if not rows:
        print(t("analytics.target.none", lang))
        return
    print(t("analytics.target.header", lang))
    for row in rows:
        print(
            "\t".join(
                (
                    row["code"],
                    row["metric"],
                    str(row["year"]),
                    number(row["value"], lang, _decimals(row["value"])),
                    row["set_by"] or "",
                    row["set_at"].strftime("%Y-%m-%d %H:%M"),
                )
            )
        )
