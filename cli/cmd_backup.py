"""``klusterimittari backup --out FILE`` and ``klusterimittari restore FILE``."""

from __future__ import annotations

import argparse
import sys

from data.backup import BackupError, restore_backup, write_backup
from data.store import default_db_path, open_db
from i18n import t
from i18n.format import number

BACKUP_DESCRIPTION = (
    "Write a consistent snapshot of the whole database to a zip file. It is taken in one "
    "transaction: an import running at the same time is either wholly in it or not at all."
)
WITH_KEY_HELP = (
    "also include the pseudonymisation key, so that attendance lists imported after a "
    "restore are matched with the people already stored; anyone with the key can test "
    "guessed names against the stored hashes, so keep such a backup as secret as the key"
)
RESTORE_DESCRIPTION = (
    "Replace the database (--db) with a backup, upgraded to this program's schema. The key "
    "in the backup, if any, is written to the key file."
)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = subparsers.add_parser(
        "backup",
        parents=[common],
        help="write a snapshot of the database to a zip file",
        description=BACKUP_DESCRIPTION,
    )
    backup.add_argument("--out", required=True, metavar="FILE.zip", help="backup file to write")
    backup.add_argument("--with-key", action="store_true", help=WITH_KEY_HELP)
    backup.add_argument("--force", action="store_true", help="replace an existing --out file")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore",
        parents=[common],
        help="replace the database with a backup",
        description=RESTORE_DESCRIPTION,
    )
    restore.add_argument(
        "file", metavar="FILE.zip", help="backup file written by `klusterimittari backup`"
    )
    restore.add_argument(
        "--force", action="store_true", help="replace an existing database and key file"
    )
    restore.set_defaults(func=run_restore)


def _size(byte_count: int, lang: str) -> str:
    if byte_count < 2**20:
        return f"{number(byte_count / 2**10, lang, 0)} KiB"
    return f"{number(byte_count / 2**20, lang, 1)} MiB"


def run_backup(args: argparse.Namespace) -> int:
    con = open_db(args.db)
    try:
        out = write_backup(con, args.out, with_key=args.with_key, force=args.force)
    except BackupError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    finally:
        con.close()
    answer = t("access.backup.yes" if args.with_key else "access.backup.no", args.lang)
    print(
        t(
            "access.backup.written",
            args.lang,
            path=out,
            size=_size(out.stat().st_size, args.lang),
            with_key=answer,
        )
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    db_path = args.db or default_db_path()
    try:
        restored = restore_backup(args.file, db_path, force=args.force)
    except BackupError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    print(
        t(
            "access.backup.restored",
            args.lang,
            path=restored.db_path,
            version=restored.schema_version,
        )
    )
    if restored.key_path is None:
        print(t("access.backup.key_kept", args.lang))
    else:
        print(t("access.backup.key_restored", args.lang, path=restored.key_path))
    return 0
