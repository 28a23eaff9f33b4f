"""``klusterimittari profiles list|remove NAME``: the saved source profiles (column mappings)."""

from __future__ import annotations

import argparse
import sys

from cli.login import login_name
from data.fields import field_label
from data.profiles import Profile, list_profiles, remove
from data.store import WriteFailed, open_db
from i18n import t
from i18n.format import date


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "profiles",
        help="list or remove saved source profiles",
        description="Source profiles map the columns of an export layout the program does not "
        "know to the fields of a kind; files with the same header row import with them.",
    )
    actions = parser.add_subparsers(dest="profiles_action", required=True)
    actions.add_parser("list", parents=[common], help="list the profiles and their columns")
    remove_parser = actions.add_parser("remove", parents=[common], help="remove a profile")
    remove_parser.add_argument("name", help="profile name")
    parser.set_defaults(func=run)


def describe(profile: Profile, lang: str) -> list[str]:
    """A profile as lines: name, kind and who saved it, then each header cell and its field."""
    lines = [
        t(
            "data.profile.cli.row",
            lang,
            name=profile.name,
            kind=t(f"data.kind.{profile.kind}", lang),
            mapped=len(profile.mapped()),
            columns=sum(1 for header in profile.headers if header),
            by=profile.created_by or "–",
            at=date(profile.created_at.date(), lang),
        )
    ]
    for index, field in enumerate(profile.fields):
        header = profile.header_text(index)
        if not header:
            continue
        if field is None:
            lines.append("  " + t("data.profile.cli.ignored", lang, header=header))
        else:
            label = field_label(profile.kind, field, lang)
            lines.append("  " + t("data.profile.cli.column", lang, header=header, field=label))
    return lines


def run(args: argparse.Namespace) -> int:
    con = open_db(args.db)
    try:
        if args.profiles_action == "remove":
            try:
                removed = remove(con, args.cluster, args.name, user=login_name())
            except WriteFailed as unsaved:
                print(unsaved.message(args.lang), file=sys.stderr)
                return 1
            if not removed:
                print(t("data.profile.unknown", args.lang, name=args.name), file=sys.stderr)
                return 1
            print(t("data.profile.cli.removed", args.lang, name=args.name))
            return 0
        saved = list_profiles(con, args.cluster)
        if not saved:
            print(t("data.profile.cli.none", args.lang))
        for profile in saved:
            print("\n".join(describe(profile, args.lang)))
        return 0
    finally:
        con.close()
