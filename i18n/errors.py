"""The one error whose message comes from the catalogue, for every layer.

A ``LocalisedError`` carries a message ``code`` and its ``fields``; ``message(lang)`` says it
in the reader's language, while ``str()`` (logs, tracebacks) carries both languages. A
subclass names its area with ``prefix`` (``AccountError``: ``access.user.``), so its codes stay
short. It survives pickling, so a worker process can hand it to its parent.
"""

from __future__ import annotations

from typing import Any, ClassVar

from i18n import both, t


class LocalisedError(Exception):
    """A refused input or action, described by a catalogue key and its fields."""

    prefix: ClassVar[str] = ""

    def __init__(self, code: str, /, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(both(self.key, **fields))

    @property
    def key(self) -> str:
        """The catalogue key: ``prefix`` and ``code``."""
        return self.prefix + self.code

    def message(self, lang: str = "fi") -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **self.fields)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.code, self.fields))


def _rebuild(cls: type[LocalisedError], code: str, fields: dict[str, object]) -> LocalisedError:
    error = cls.__new__(cls)
    LocalisedError.__init__(error, code, **fields)
    return error
