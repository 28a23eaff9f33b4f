"""The one result shape every indicator computation returns (SPEC 4)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

RECIPIENTS = ("region", "cluster_org", "rdi", "companies", "public_sector")
DATA_CLASSES = ("ADM", "LOG", "SRV", "QUAL", "EXT")


@dataclass(frozen=True)
class Note:
    """Why a value is missing or hidden, in no language yet: a message key of the catalogue and
    its arguments. ``indicators.present.note_text`` says it in the reader's language."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **args: Any) -> Note:
        return cls(key, tuple(args.items()))


@dataclass(frozen=True)
class Result:
    """One indicator value for one year and metric.

    ``value`` is None with a ``note`` when there is no data (the note says what to upload),
    and None with ``suppressed=True`` when a survey figure rests on fewer than 5 answers
    (``n`` is kept). Shares are fractions 0-1 rounded to 4 decimals; money and means to 2.
    ``indicators.present.record`` gives the SPEC record with the note in a language.
    """

    code: str
    metric: str
    year: int | None
    value: float | int | None
    unit: str
    n: int | None
    suppressed: bool
    name_fi: str
    name_en: str
    recipient: str
    data_class: str
    note: Note | None


# The keys of a result record, in SPEC 4 order.
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Result))
