"""The one result shape every indicator computation returns (SPEC 4)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

RECIPIENTS = ("region", "cluster_org", "rdi", "companies", "public_sector")
DATA_CLASSES = ("ADM", "LOG", "SRV", "QUAL", "EXT")


@dataclass(frozen=True)
class Result:
    """One indicator value for one year and metric.

    ``value`` is None with a ``note`` when there is no data (the note says what to upload),
    and None with ``suppressed=True`` when a survey figure rests on fewer than 5 answers
    (``n`` is kept). Shares are fractions 0-1 rounded to 4 decimals; money and means to 2.
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
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """The record in SPEC key order, ready for JSON."""
        return asdict(self)
