"""The registry: the indicators one installation computes, as an immutable value.

``built_in()`` holds the entries of ``indicators.builtin``; ``load_registry(con)`` adds the
custom indicators of the installation behind a database (``indicators.custom``). Build it once
per database and pass it to ``indicators.compute.compute`` and to whatever labels its results;
nothing adds to it afterwards.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

import duckdb

from indicators.builtin import BUILT_IN
from indicators.custom import custom_path, load_custom
from indicators.model import UNITS, Indicator
from indicators.record import DATA_CLASSES, RECIPIENTS


class Registry(Mapping[str, Indicator]):
    """Indicators by code, in entry order; checked when built, never changed."""

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        entries: dict[str, Indicator] = {}
        for indicator in indicators:
            _check(indicator)
            if indicator.code in entries:
                raise ValueError(f"{indicator.code}: the code is already in use")
            entries[indicator.code] = indicator
        self._entries = entries

    def __getitem__(self, code: str) -> Indicator:
        return self._entries[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({', '.join(self._entries)})"

    @property
    def token(self) -> str:
        """A short text that changes when the entries change: part of a cache key."""
        custom = repr([(i.code, i.custom_sql, i.specs) for i in self.values() if i.custom])
        return hashlib.sha256(custom.encode("utf-8")).hexdigest()[:16]

    def with_indicators(self, indicators: Iterable[Indicator]) -> Registry:
        """A new registry of these entries followed by ``indicators``."""
        return Registry([*self.values(), *indicators])


def _check(indicator: Indicator) -> None:
    if indicator.recipient not in RECIPIENTS:
        raise ValueError(f"{indicator.code}: unknown recipient {indicator.recipient!r}")
    if indicator.data_class not in DATA_CLASSES:
        raise ValueError(f"{indicator.code}: unknown data class {indicator.data_class!r}")
    for metric in indicator.specs:
        if metric.unit not in UNITS:
            raise ValueError(f"{indicator.code}.{metric.name}: unknown unit {metric.unit!r}")


@cache
def built_in() -> Registry:
    """The built-in indicators alone."""
    return Registry(BUILT_IN)


def load_registry(con: duckdb.DuckDBPyConnection) -> Registry:
    """The built-in indicators and the custom ones of the installation behind ``con``
    (``custom.CustomIndicatorError`` when its definition file cannot be used)."""
    path = custom_path(con)
    if path is None or not path.exists():
        return built_in()
    return built_in().with_indicators(load_custom(path))
