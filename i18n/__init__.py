"""The one message catalogue: every user-facing text in Finnish and English.

Texts live in ``i18n/*.toml`` files, one per area (``data.toml``, ``ui.toml``, ...), each a
table per key with ``fi`` and ``en``::

    [import.row_error]
    fi = "Rivi {row}, sarake {column}: {reason}"
    en = "Row {row}, column {column}: {reason}"

Keys are unique across all files (checked at load). ``t(key, lang, **fields)`` formats.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")
_DIR = Path(__file__).parent


def _flatten(prefix: str, table: dict, out: dict[str, dict[str, str]], origin: str) -> None:
    if "fi" in table and isinstance(table["fi"], str):
        if prefix in out:
            raise ValueError(f"message key {prefix!r} defined twice ({origin})")
        if not isinstance(table.get("en"), str):
            raise ValueError(f"message key {prefix!r} has no English text ({origin})")
        out[prefix] = {"fi": table["fi"], "en": table["en"]}
        return
    for key, value in table.items():
        if isinstance(value, dict):
            _flatten(f"{prefix}.{key}" if prefix else key, value, out, origin)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, keyed by dotted name."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            _flatten("", tomllib.load(fh), out, path.name)
    return out


def t(key: str, lang: str = "fi", **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in; unknown keys raise KeyError."""
    text = catalogue()[key]["en" if lang == "en" else "fi"]
    return text.format(**fields) if fields else text


def both(key: str, **fields: object) -> str:
    """The message in Finnish and English, for logs and CLI errors read by either."""
    return f"{t(key, 'fi', **fields)} / {t(key, 'en', **fields)}"
