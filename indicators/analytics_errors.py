"""An error whose message comes from the catalogue, so the CLI and pages show it in the
user's language while logs and tracebacks carry both languages."""

from __future__ import annotations

from i18n import both, t


class LocalisedError(ValueError):
    """A rejected input or definition, described by a message key and its fields."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(both(key, **fields))
        self.key = key
        self.fields = fields

    def text(self, lang: str = "fi") -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **self.fields)
