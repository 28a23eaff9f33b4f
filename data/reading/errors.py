"""The one exception the reader raises: a clear, bilingual rejection of an uploaded file."""

from __future__ import annotations

from i18n import t


class ReadError(Exception):
    """The file was refused or could not be read; nothing from it is loaded.

    ``code`` is a message key in ``i18n/reading.toml``; ``fields`` fill its placeholders
    (always including ``file``, the name the user uploaded). Field values read the same in
    Finnish and English (names, whole numbers), so ``t(code, lang, **fields)`` works too.
    """

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"{code} {fields}")

    def message(self, lang: str = "fi") -> str:
        """The rejection in ``lang`` ("fi" or "en"), naming the file."""
        return t(self.code, lang, **self.fields)

    def __reduce__(self) -> tuple:
        return (_rebuild, (self.code, self.fields))


def _rebuild(code: str, fields: dict) -> ReadError:
    return ReadError(code, **fields)
