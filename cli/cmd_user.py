"""``klusterimittari user add|remove|list``: local accounts for the app's sign-in."""

from __future__ import annotations

import argparse
import getpass
import sys

from auth.accounts import AccountError, add_user, list_users, remove_user
from auth.roles import ROLES
from cli.login import login_name
from data.store import open_db
from i18n import t


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "user",
        help="add, remove or list sign-in accounts",
        description="Local accounts for signing in to the app: a manager uploads and edits, "
        "the board reads.",
    )
    actions = parser.add_subparsers(dest="user_action", required=True)
    add = actions.add_parser(
        "add", parents=[common], help="add an account; the password is asked twice without echo"
    )
    add.add_argument("name", help="account name")
    add.add_argument("--role", required=True, choices=ROLES, help="what the account may do")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (scripts)",
    )
    remove = actions.add_parser("remove", parents=[common], help="remove an account")
    remove.add_argument("name", help="account name")
    actions.add_parser("list", parents=[common], help="list accounts (never passwords)")
    parser.set_defaults(func=run)


def _read_password(args: argparse.Namespace) -> str | None:
    """The new password from stdin or typed twice; None when the two typings differ."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("access.prompt.password", args.lang))
    second = getpass.getpass(t("access.prompt.password_again", args.lang))
    return first if first == second else None


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.user_action == "add":
        password = _read_password(args)
        if password is None:
            print(t("access.user.password_mismatch", lang), file=sys.stderr)
            return 1
    con = open_db(args.db)
    try:
        if args.user_action == "add":
            add_user(con, args.name, args.role, password, actor=login_name())
            print(
                t(
                    "access.user.added",
                    lang,
                    name=args.name,
                    role=t(f"access.role.{args.role}", lang),
                )
            )
        elif args.user_action == "remove":
            remove_user(con, args.name, actor=login_name())
            print(t("access.user.removed", lang, name=args.name))
        else:
            _print_users(con, lang)
    except AccountError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def _print_users(con, lang: str) -> None:
    users = list_users(con)
    if not users:
        print(t("access.user.none", lang))
        return
    print(t("access.user.list_header", lang))
    for name, role, created in users:
        print(f"{name}\t{role}\t{created:%Y-%m-%d %H:%M}")
