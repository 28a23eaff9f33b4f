"""Keyed hashing of person names and e-mail addresses (SPEC 6).

The key is kept outside the database: ``$KLUSTERIMITTARI_KEY_FILE``, else a file next to the
database named ``<database>.key`` (created with mode 0600 on first use). Without the key a
hash cannot be linked back to a person by trying names. The file is written whole under a
temporary name and then put in place, so a crash never leaves an empty or partial key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
import unicodedata
from pathlib import Path

from i18n.errors import LocalisedError


class KeyFileError(LocalisedError):
    """The key file exists but cannot be used; making a new key would orphan every stored hash."""

    def __init__(self, path: Path, reason: str | None = None) -> None:
        code = "database.key_invalid" if reason is None else "database.key_unreadable"
        super().__init__(code, path=path, reason=reason)


def key_path(db_path: Path | None) -> Path:
    """Where the hashing key for the database at ``db_path`` lives."""
    env = os.environ.get("KLUSTERIMITTARI_KEY_FILE")
    if env:
        return Path(env)
    if db_path is None:
        return Path.home() / ".config" / "klusterimittari" / "memory.key"
    return db_path.with_name(db_path.name + ".key")


def load_key(db_path: Path | None) -> bytes:
    """Read the key, creating a random one the first time."""
    path = key_path(db_path)
    if not path.exists():
        try:
            write_key(path, secrets.token_hex(32), replace=False)
        except FileExistsError:
            pass  # another process made the key first: use that one
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(path, getattr(exc, "strerror", None) or str(exc)) from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if not key:
        raise KeyFileError(path)
    return key


def write_key(path: Path, key_hex: str, *, replace: bool) -> None:
    """Put ``key_hex`` in the key file ``path`` (mode 0600) in one step: written and synced under
    a temporary name first. Without ``replace`` an existing file is kept (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key_hex)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the file exists: a key is never overwritten
    finally:
        Path(temporary).unlink(missing_ok=True)


def normalise_person(text: str | None) -> str | None:
    """Casefold, strip accents-insensitive whitespace; None for empty."""
    if text is None:
        return None
    norm = " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())
    return norm or None


def keyed_hash(key: bytes, text: str | None) -> str | None:
    """HMAC-SHA256 of the normalised text, hex; None for empty input."""
    norm = normalise_person(text)
    if norm is None:
        return None
    return hmac.new(key, norm.encode("utf-8"), hashlib.sha256).hexdigest()
