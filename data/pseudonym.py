"""Keyed hashing of person names and e-mail addresses (SPEC 6).

The key is kept outside the database: ``$KLUSTERIMITTARI_KEY_FILE``, else a file next to the
database named ``<database>.key`` (created with mode 0600 on first use). Without the key a
hash cannot be linked back to a person by trying names.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from pathlib import Path


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
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex())
    return key


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
