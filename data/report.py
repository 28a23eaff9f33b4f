"""The import report: what was loaded, skipped and rejected, with every issue located.

An issue names the file, sheet, row (the sheet's own row number), column (the header as the
user wrote it), the raw value and a message code; the text comes from ``i18n/data.toml`` in
Finnish or English. Advice on what to do next depends on where the report is read: the command
line names its option (``--kind``), the app its column-mapping step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from i18n import t
from i18n.format import date, share

if TYPE_CHECKING:
    from data.register import RegisterChange

ERROR, WARNING = "error", "warning"

Where = Literal["cli", "app"]  # where a report is read
# Messages that end in advice, by the topic of their advice (``data.advice.<topic>.<where>``).
ADVICE = {"data.file.no_known_sheet": "file_kind", "data.skip.ambiguous_kind": "sheet_kind"}


def advice(key: str, lang: str, where: Where) -> dict[str, str]:
    """The ``advice`` field of message ``key`` as read ``where`` (none for other messages)."""
    topic = ADVICE.get(key)
    return {"advice": t(f"data.advice.{topic}.{where}", lang)} if topic else {}


@dataclass(frozen=True)
class Issue:
    """One problem found in an upload; errors reject rows, warnings only inform."""

    severity: str
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    code: str
    fields: dict[str, object] = field(default_factory=dict)

    def reason(self, lang: str = "fi") -> str:
        """What is wrong and what to do, without the place (a table shows that in columns)."""
        fields = {
            key: date(value, lang) if isinstance(value, dt.date) else value
            for key, value in self.fields.items()
        }
        return t(f"data.issue.{self.code}", lang, value=self.value, column=self.column, **fields)

    def message(self, lang: str = "fi") -> str:
        """Location and reason in one line."""
        reason = self.reason(lang)
        place = [self.file]
        if self.sheet is not None:
            place.append(t("data.where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            place.append(t("data.where.row", lang, row=self.row))
        if self.column is not None:
            place.append(t("data.where.column", lang, column=self.column))
        level = t(f"data.severity.{self.severity}", lang)
        return f"{level}: {', '.join(place)}: {reason}"


@dataclass(frozen=True)
class Candidate:
    """A kind a skipped sheet came close to: the headers found and the columns still missing,
    each as (canonical name, Finnish template header)."""

    kind: str
    found: tuple[str, ...]  # headers as written
    missing: tuple[tuple[str, str], ...] = ()
    any_of: bool = False  # ``missing`` lists alternatives, one of which is enough


def column_label(column: tuple[str, str], lang: str = "fi") -> str:
    """A column as the report names it: its Finnish template header, in English with the
    canonical name beside it (``Organisaatio (organisation)``)."""
    name, header = column
    return header if lang == "fi" else f"{header} ({name.replace('_', ' ')})"


def closest_text(candidate: Candidate, lang: str = "fi") -> str:
    """One line on a kind the sheet came close to: what was found, what is missing."""
    kind = t(f"data.kind.{candidate.kind}", lang)
    found = ", ".join(candidate.found)
    if candidate.kind == "survey":
        return t("data.report.closest_survey", lang, kind=kind, found=found)
    missing = (", " if not candidate.any_of else t("data.report.or", lang)).join(
        column_label(column, lang) for column in candidate.missing
    )
    if not candidate.missing:
        return t("data.report.closest_few", lang, kind=kind, found=found)
    key = "data.report.closest_any" if candidate.any_of else "data.report.closest"
    return t(key, lang, kind=kind, found=found, missing=missing)


@dataclass
class SheetReport:
    """One sheet's outcome: its kind (None = skipped) and row counts."""

    sheet: str
    kind: str | None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    skipped: str | None = None  # message code why the sheet was skipped
    skipped_fields: dict[str, object] = field(default_factory=dict)
    closest: list[Candidate] = field(default_factory=list)  # kinds a skipped sheet came near
    profile: str | None = None  # the source profile the sheet was read with

    def skip_reason(self, lang: str = "fi", where: Where = "cli") -> str:
        """Why the sheet was skipped, in ``lang`` (kind codes named in that language), with the
        advice for where it is read."""
        key = f"data.skip.{self.skipped}"
        fields: dict[str, object] = {**self.skipped_fields, **advice(key, lang, where)}
        if "kind" in fields:
            fields["kind"] = t(f"data.kind.{fields['kind']}", lang)
        if "kinds" in fields:
            fields["kinds"] = ", ".join(
                t(f"data.kind.{kind.strip()}", lang) for kind in str(fields["kinds"]).split(",")
            )
        return t(key, lang, **fields)


@dataclass
class ImportReport:
    """The outcome of importing one file."""

    file_name: str
    sha256: str
    status: str = "rejected"  # loaded | noop | rejected
    import_id: int | None = None
    sheets: list[SheetReport] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    message: str | None = None  # message key of the file-level outcome
    message_fields: dict[str, object] = field(default_factory=dict)  # floats are shares 0-1
    issues_omitted: int = 0  # issues counted but not listed (very large files)
    register: RegisterChange | None = None  # what a member register changes (SPEC 3)

    @property
    def rows_read(self) -> int:
        return sum(s.rows_read for s in self.sheets)

    @property
    def rows_loaded(self) -> int:
        return sum(s.rows_loaded for s in self.sheets)

    @property
    def rows_rejected(self) -> int:
        return sum(s.rows_rejected for s in self.sheets)

    @property
    def kinds(self) -> list[str]:
        return [s.kind for s in self.sheets if s.kind and not s.skipped]

    def summary(self, lang: str = "fi", where: Where = "cli") -> str:
        """The one-line outcome, e.g. for the import log."""
        if self.message is None:
            return t(f"data.status.{self.status}", lang)
        fields = {
            key: share(value, lang) if isinstance(value, float) else value
            for key, value in self.message_fields.items()
        }
        return t(self.message, lang, **fields, **advice(self.message, lang, where))

    def to_text(self, lang: str = "fi", where: Where = "cli") -> str:
        """The report as plain text for the command line and the app's download."""
        lines = [
            t(
                "data.report.head",
                lang,
                file=self.file_name,
                status=t(f"data.status.{self.status}", lang),
            )
        ]
        if self.message is not None:
            lines.append("  " + self.summary(lang, where))
        for sheet in self.sheets:
            if sheet.skipped:
                reason = sheet.skip_reason(lang, where)
                lines.append(
                    "  " + t("data.report.skipped", lang, sheet=sheet.sheet, reason=reason)
                )
                lines.extend("    " + closest_text(c, lang) for c in sheet.closest)
            else:
                lines.append(
                    "  "
                    + t(
                        "data.report.sheet",
                        lang,
                        sheet=sheet.sheet,
                        kind=t(f"data.kind.{sheet.kind}", lang),
                        read=sheet.rows_read,
                        loaded=sheet.rows_loaded,
                        rejected=sheet.rows_rejected,
                    )
                )
                if sheet.profile:
                    lines.append("    " + t("data.report.profile", lang, profile=sheet.profile))
        if self.register is not None:
            lines.extend("  " + line for line in self.register.lines(lang))
        lines.extend("  " + issue.message(lang) for issue in self.issues)
        if self.issues_omitted:
            lines.append("  " + t("data.report.omitted", lang, count=self.issues_omitted))
        return "\n".join(lines)
