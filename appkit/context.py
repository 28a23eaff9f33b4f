"""What every page needs to know about the run it draws in, and how the frame hands it over.

The frame (``appkit.frame``) sets the run's ``Run`` while it runs the page, and clears it
afterwards; a page reads it through ``frame.current()``. A value that lives exactly as long
as the run cannot go stale between runs, as a copy in the session state could.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from i18n import t
from indicators.present import metric_label
from indicators.registry import Registry


@dataclass(frozen=True)
class Ctx:
    """What every page needs to know: where the data is, whose and which years, for whom."""

    db: str
    version: str
    cluster_id: str
    cluster_name: str
    years: tuple[int, int] | None
    lang: str
    role: str
    user: str | None
    registry: Registry

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    def metric_name(self, code: str, metric: str) -> str:
        return metric_label(self.registry.get(code), metric, self.lang)

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


@dataclass(frozen=True)
class Run:
    """One run of the frame: the language, and the page context once signed in (else None)."""

    lang: str
    ctx: Ctx | None = None


_RUN: ContextVar[Run | None] = ContextVar("klusterimittari_run", default=None)


def active() -> Run | None:
    """The run the frame is driving now, or None when no frame drives this run."""
    return _RUN.get()


@contextmanager
def running(run: Run) -> Iterator[None]:
    """Make ``run`` the active run for the page drawn inside this block."""
    token = _RUN.set(run)
    try:
        yield
    finally:
        _RUN.reset(token)
