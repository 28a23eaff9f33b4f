"""The one exception the reader raises: a clear, bilingual rejection of an uploaded file."""

from __future__ import annotations

from i18n.errors import LocalisedError


class ReadError(LocalisedError):
    """The file was refused or could not be read; nothing from it is loaded.

    ``code`` is a message key in ``i18n/reading.toml``; ``fields`` fill its placeholders
    (always including ``file``, the name the user uploaded). Field values read the same in
    Finnish and English (names, whole numbers), so ``t(code, lang, **fields)`` works too.
    """
