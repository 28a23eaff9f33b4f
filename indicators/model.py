"""What an indicator is: one declarative entry with its metrics, each computed by a kind.

An ``Indicator`` names its code, value recipient, data class, and its name, description and
caveat in both languages. Each metric is named once, with its unit, label and the input kinds
it needs (an input never imported makes it null with an "upload" note). The kind says how it is
computed:

- ``Count``, ``Sum``, ``Share``, ``Change`` read columns of the entry's ``source`` query, one row
  per year of the range: a quiet year counts 0, a share of a zero denominator is null with a note.
- ``Query``: a metric with a query of its own (``year, value, n, note``, one row per year).
- ``Family``: a breakdown (``participating_orgs_by_type.<org_type>``) with records only for the
  parts that occur.
- ``Outcomes``: count and euro sum of outcome-log rows of the given types.
- ``SurveyItems``: mean and agree share of the given survey items, suppressed below ``MIN_N``.
- a plain ``Metric``: a metric of a custom indicator, whose own query reports its rows.

SQL files are in ``indicators/sql``; the shared rules they use are macros (``indicators.rules``).
Built-in entries are in ``indicators.builtin``; custom ones come from a TOML file
(``indicators.custom``) in the same shape, and ``indicators.compute`` computes both alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from data.survey_catalogue import BY_CODE
from indicators.rules import read_sql

# count: whole number; eur: euros (2 decimals); share: fraction 0-1 (4 decimals); ratio: a
# relative change, may be negative or above 1 (4 decimals); score: a mean of 1-5 (2 decimals).
UNITS = ("count", "eur", "share", "ratio", "score")
MIN_N = 5  # smallest n a survey figure is shown for (SPEC 6)


@dataclass(frozen=True)
class Bi:
    """A text in Finnish and English."""

    fi: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.fi


@dataclass(frozen=True)
class Metric:
    """What the records of one metric are. A ``name`` ending in ``.*`` is a family whose parts
    are ``part`` values (``org_type``, ``survey_item``); ``min_n`` hides values resting on fewer
    answers, and on an unknown number of them unless ``n_optional``."""

    name: str
    unit: str
    label: Bi
    inputs: tuple[str, ...]
    min_n: int | None = None
    n_optional: bool = False
    part: str | None = None

    @property
    def is_family(self) -> bool:
        return self.name.endswith(".*")

    @property
    def family(self) -> str:
        """The family name (``mean`` of ``mean.*``); the name itself for other metrics."""
        return self.name.removesuffix(".*")

    def matches(self, metric: str) -> bool:
        return metric.startswith(self.name[:-1]) if self.is_family else metric == self.name

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """Itself: a metric the indicator's own query reports (a custom indicator's)."""
        return (self,)


def _struct(metric: str, value: str, n: str | None = None, note: str | None = None) -> str:
    return (
        f"{{'metric': '{metric}', 'value': ({value})::DOUBLE, 'n': ({n or 'NULL'})::BIGINT,"
        f" 'note': ({note or 'NULL'})::VARCHAR}}"
    )


def _long_rows(source: str, columns: tuple[Column, ...]) -> str:
    """Rows ``year, metric, value, n, note`` of ``columns`` over a query of one row per year."""
    structs = ", ".join(c.struct() for c in columns)
    return f"SELECT year, unnest([{structs}], recursive := true) FROM (\n{source}\n) AS source"


# --- kinds reading the entry's source query ----------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A metric read from columns of the source query."""

    name: str
    label: Bi
    inputs: tuple[str, ...]
    unit: ClassVar[str] = "count"

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return (Metric(self.name, self.unit, self.label, self.inputs),)

    def struct(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Count(Column):
    """A count: the source's column of the same name, 0 in a year without rows; ``n`` names the
    column of the count it rests on, if any (for a euro sum: the rows with an amount, so a sum
    of no entered row reads as "not recorded", ``indicators.honesty``)."""

    n: str | None = None

    def struct(self) -> str:
        n = f"coalesce({self.n}, 0)" if self.n else None
        return _struct(self.name, f"coalesce({self.name}, 0)", n)


@dataclass(frozen=True)
class Sum(Count):
    """A sum of euros: the source's column of the same name."""

    unit: ClassVar[str] = "eur"


@dataclass(frozen=True)
class Share(Column):
    """``numerator`` ÷ ``denominator`` (columns of the source), null with ``note`` when the
    denominator is 0."""

    numerator: str = ""
    denominator: str = ""
    note: str = "zero_denominator"
    unit: ClassVar[str] = "share"

    def struct(self) -> str:
        num, den = f"coalesce({self.numerator}, 0)", f"coalesce({self.denominator}, 0)"
        return _struct(
            self.name,
            f"CASE WHEN {den} = 0 THEN NULL ELSE {num} / {den} END",
            note=f"CASE WHEN {den} = 0 THEN '{self.note}' END",
        )


@dataclass(frozen=True)
class Change(Column):
    """The relative change (``current`` − ``previous``) ÷ ``previous``: null with
    ``note_missing`` when ``previous_exists`` is false, with ``note_zero`` when it is 0."""

    current: str = ""
    previous: str = ""
    previous_exists: str = ""
    note_missing: str = ""
    note_zero: str = ""
    unit: ClassVar[str] = "ratio"

    def struct(self) -> str:
        missing, prev = f"NOT coalesce({self.previous_exists}, false)", self.previous
        return _struct(
            self.name,
            f"CASE WHEN {missing} OR {prev} = 0 THEN NULL"
            f" ELSE (coalesce({self.current}, 0) - {prev}) / {prev} END",
            note=f"CASE WHEN {missing} THEN '{self.note_missing}'"
            f" WHEN {prev} = 0 THEN '{self.note_zero}' END",
        )


# --- kinds with a query of their own -----------------------------------------------------------
def _rows(metric: str, note: str, sql_file: str) -> str:
    """Rows ``year, metric, value, n, note`` over the query of ``sql_file``."""
    return (
        f"SELECT year, {metric} AS metric, value::DOUBLE AS value, n::BIGINT AS n,"
        f" {note}::VARCHAR AS note FROM (\n{read_sql(sql_file)}\n) AS q"
    )


@dataclass(frozen=True)
class Query:
    """A metric whose ``sql`` file gives ``year, value, n, note`` for every year of the range."""

    name: str
    label: Bi
    inputs: tuple[str, ...]
    sql: str
    unit: str = "count"

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return (Metric(self.name, self.unit, self.label, self.inputs),)

    def rows_sql(self) -> str:
        return _rows(f"'{self.name}'", "note", self.sql)


@dataclass(frozen=True)
class Family:
    """A breakdown ``<name>.<part>`` whose ``sql`` file gives ``year, part, value, n`` rows
    for the parts that occur; ``part`` says what the parts are (``org_type``)."""

    name: str
    label: Bi
    inputs: tuple[str, ...]
    sql: str
    part: str
    unit: str = "count"

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return (Metric(f"{self.name}.*", self.unit, self.label, self.inputs, part=self.part),)

    def rows_sql(self) -> str:
        return _rows(f"'{self.name}.' || part", "NULL", self.sql)


@dataclass(frozen=True)
class Outcomes:
    """``outcomes`` and ``outcomes_eur``: count and euro sum of outcome-log rows dated in the
    year whose type is one of ``types`` (the sum's ``n``: the rows with an amount)."""

    types: tuple[str, ...]

    @property
    def _columns(self) -> tuple[Column, ...]:
        inputs = ("outcomes",)
        return (
            Count("outcomes", Bi("Kirjatut tulokset", "Recorded outcomes"), inputs),
            Sum(
                "outcomes_eur",
                Bi("Tulosten arvo (€)", "Value of outcomes (€)"),
                inputs,
                n="amounts",
            ),
        )

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return tuple(m for c in self._columns for m in c.metrics)

    @property
    def params(self) -> Mapping[str, Any]:
        return {"types": list(self.types)}

    def rows_sql(self) -> str:
        return _long_rows(read_sql("outcomes.sql"), self._columns)


@dataclass(frozen=True)
class SurveyItems:
    """``mean.<item>`` (Likert items) and ``agree_share.<item>`` of the survey ``items``, per
    survey year; hidden below ``MIN_N`` answers."""

    items: tuple[str, ...]

    @property
    def metrics(self) -> tuple[Metric, ...]:
        survey = ("survey",)
        likert = any(BY_CODE[item].scale == "likert5" for item in self.items if item in BY_CODE)
        mean = Metric(
            "mean.*",
            "score",
            Bi("Keskiarvo (1–5)", "Mean (1–5)"),
            survey,
            MIN_N,
            part="survey_item",
        )
        return (
            *((mean,) if likert else ()),  # yes/no items have no mean
            Metric(
                "agree_share.*",
                "share",
                Bi("Samaa mieltä (4–5) tai kyllä", "Agree (4–5) or yes"),
                survey,
                MIN_N,
                part="survey_item",
            ),
        )

    @property
    def params(self) -> Mapping[str, Any]:
        return {"items": list(self.items)}

    def rows_sql(self) -> str:
        return read_sql("survey_items.sql")


Kind = Column | Query | Family | Outcomes | SurveyItems | Metric


# --- the entry ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    """One indicator: who gains (``recipient``), how it is known (``data_class``), what the
    cookbook warns about it (``caveat``) and its metrics. ``source`` names the SQL file the
    column metrics read; ``also_reads`` are input kinds it reads when present but does not need;
    ``reference`` holds benchmark values by metric (FUN-1's 20/30/50). A custom indicator brings
    ``custom_sql`` (long rows; it runs in the sandbox)."""

    code: str
    recipient: str
    data_class: str
    name: Bi
    description: Bi
    caveat: Bi
    metrics: tuple[Kind, ...]
    source: str | None = None
    also_reads: tuple[str, ...] = ()
    reference: Mapping[str, float] = field(default_factory=dict)
    custom_sql: str | None = None

    @property
    def custom(self) -> bool:
        return self.custom_sql is not None

    @cached_property
    def specs(self) -> tuple[Metric, ...]:
        """Every metric of every kind, in entry order."""
        return tuple(m for kind in self.metrics for m in kind.metrics)

    @cached_property
    def _exact_metrics(self) -> dict[str, Metric]:
        return {m.name: m for m in reversed(self.specs) if not m.is_family}

    def metric(self, name: str) -> Metric | None:
        """The metric ``name`` falls under (exact name first, then a family)."""
        exact = self._exact_metrics.get(name)
        return exact or next((m for m in self.specs if m.matches(name)), None)

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every input kind any metric reads, in first-use order."""
        return tuple(dict.fromkeys(kind for m in self.specs for kind in m.inputs))

    @property
    def params(self) -> dict[str, Any]:
        """Named parameters the kinds add to ``$cluster_id``, ``$first`` and ``$last``."""
        return {k: v for kind in self.metrics for k, v in getattr(kind, "params", {}).items()}

    @cached_property
    def sql(self) -> str:
        """One query giving ``year, metric, value, n, note`` rows of every metric."""
        if self.custom_sql is not None:
            return self.custom_sql
        columns = tuple(k for k in self.metrics if isinstance(k, Column))
        parts = [_long_rows(read_sql(self.source), columns)] if columns and self.source else []
        parts += [k.rows_sql() for k in self.metrics if hasattr(k, "rows_sql")]
        if len(parts) == 1:
            return parts[0]
        return "\nUNION ALL\n".join(f"SELECT * FROM (\n{part}\n)" for part in parts)
