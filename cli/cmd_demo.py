"""``klusterimittari demo [--if-empty]``: load the built-in demo cluster (SPEC 4)."""

from __future__ import annotations

import argparse
import sys

from data.demo import has_data, load_demo, load_second_demo, second
from data.store import open_db
from i18n import t


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo",
        parents=[common],
        help="load the built-in demo cluster",
        description="Load the built-in demo cluster (Loimaa technology cluster, 2023–2025).",
    )
    parser.add_argument(
        "--if-empty", action="store_true", help="do nothing when the cluster already has data"
    )
    parser.add_argument(
        "--second-cluster",
        action="store_true",
        help="also load a second, smaller demo cluster, to see clusters side by side",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    con = open_db(args.db)
    try:
        if args.if_empty and has_data(con, args.cluster):
            print(t("demo.cli.skipped", args.lang, cluster=args.cluster))
            return 0
        reports = load_demo(con, args.cluster)
        if args.second_cluster and not has_data(con, second.CLUSTER_ID):
            reports += load_second_demo(con)
    finally:
        con.close()
    for report in reports:
        print(report.to_text(args.lang))
    rejected = [r.file_name for r in reports if r.status == "rejected"]
    if rejected:
        print(t("demo.cli.rejected", args.lang, files=", ".join(rejected)), file=sys.stderr)
        return 1
    print(t("demo.cli.done", args.lang, cluster=args.cluster, files=len(reports)))
    return 0
