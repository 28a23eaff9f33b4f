"""``klusterimittari imports [--undo ID]``: the import history, and undoing one import."""

from __future__ import annotations

import argparse
import sys

from cli.login import login_name
from data.importer import ImportRefused, import_history, undo_import
from data.store import open_db
from i18n import t


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "imports",
        parents=[common],
        help="list imports, or undo one",
        description="List the cluster's imports, newest first; --undo ID removes one import's "
        "rows and restores what it replaced.",
    )
    parser.add_argument("--undo", type=int, metavar="ID", help="import to undo")
    parser.add_argument("--user", help="user name for the audit log (default: login name)")
    parser.set_defaults(func=run)


def _row(entry: dict, lang: str) -> str:
    when = entry["imported_at"].strftime("%d.%m.%Y %H:%M" if lang == "fi" else "%Y-%m-%d %H:%M")
    status = t(f"data.status.{entry['status']}", lang)
    return t(
        "data.cli.history_row",
        lang,
        id=entry["import_id"],
        when=when,
        status=status,
        file=entry["file_name"],
        kinds=entry["kinds"] or "–",
        read=entry["rows_read"],
        loaded=entry["rows_loaded"],
        rejected=entry["rows_rejected"],
        user=entry["user_name"] or "–",
    )


def run(args: argparse.Namespace) -> int:
    con = open_db(args.db)
    try:
        if args.undo is not None:
            try:
                undo_import(con, args.undo, user=args.user or login_name())
            except ImportRefused as exc:
                print(exc.message(args.lang), file=sys.stderr)
                return 1
            print(t("data.undo.done", args.lang, import_id=args.undo))
            return 0
        history = import_history(con, args.cluster)
        if not history:
            print(t("data.cli.history_empty", args.lang))
        for entry in history:
            print(_row(entry, args.lang))
        return 0
    finally:
        con.close()
