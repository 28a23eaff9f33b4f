"""Importing one uploaded file, atomically, and undoing an import (SPEC 2-3).

``import_file`` reads the file (``data.reading``), decides each sheet's kind and header row
(``data.headers``; a PX-Web statistics table is first turned into long form by ``data.pxweb``,
a sheet of stacked titled tables split by ``data.sections``), types every value in DuckDB
(``data.normalise``) and, when the file is acceptable, loads every accepted sheet in one
``write_transaction`` (each kind's loader in ``data.kinds``); a full disk or another storage
failure rejects the file with nothing loaded. Every attempt, also a rejected or no-op one,
leaves a row in ``import_log``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import duckdb

from data import (
    audit,
    headers,
    janitor,
    load,
    profiles,
    pxweb,
    reading,
    register,
    sections,
    sqlfunc,
    undo,
)
from data.kinds import KINDS, SURVEY
from data.normalise import Staged, collect, stage
from data.pseudonym import load_key
from data.report import ERROR, WARNING, ImportReport, Issue, SheetReport, Where
from data.store import (
    WriteFailed,
    db_file,
    ensure_cluster,
    import_memory_limit,
    temp_dir,
    write_transaction,
)
from i18n import t
from i18n.errors import LocalisedError

Progress = Callable[[float, str], None]
# A sheet's warnings of one kind listed in the report (the first ones; the rest are counted):
# a sheet of 16,384 unknown columns gives 20 lines and a count, not 1.3 MB of warnings.
MAX_REPEATED_WARNINGS = 20
# Uploads above this size import under DuckDB's lower memory limit (``import_memory_limit``).
LARGE_FILE_BYTES = 16 * 2**20


class ImportRefused(LocalisedError):
    """An undo (or other import action) that cannot be done; ``message(lang)`` says why, with
    the import's status in words."""

    def message(self, lang: str = "fi") -> str:
        fields = dict(self.fields)
        if "status" in fields:
            fields["status"] = t(f"data.status.{fields['status']}", lang)
        return t(self.key, lang, **fields)


def parse_date_arg(text: str | dt.date | None) -> dt.date | None:
    """A date given on the command line or by a caller: ``2025-06-20`` or ``20.6.2025``."""
    if text is None or isinstance(text, dt.date):
        return text
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _step(progress: Progress | None, lang: str) -> Callable[[float, str], None]:
    def report(share: float, stage_name: str) -> None:
        if progress is not None:
            progress(share, t(f"data.progress.{stage_name}", lang))

    return report


class _Run:
    """The state of one import attempt."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        report: ImportReport,
        cluster_id: str,
        user: str | None,
        where: Where,
    ) -> None:
        self.cur = con.cursor()
        self.report = report
        self.cluster_id = cluster_id
        self.user = user
        self.where = where
        self.staged: list[Staged] = []
        self.sheet_errors: list[Issue] = []
        self.extra: dict[str, list[str]] = {}  # staged table -> further issue SELECTs
        self.repeats: dict[tuple[str, str | None, str], int] = {}  # issues by kind and sheet

    def issue(
        self,
        severity: str,
        sheet: str | None,
        row: int | None,
        column: str | None,
        value: object,
        code: str,
        **fields: object,
    ) -> Issue:
        found = Issue(
            severity,
            self.report.file_name,
            sheet,
            row,
            column,
            None if value is None else str(value),
            code,
            fields,
        )
        key = (severity, sheet, code)
        self.repeats[key] = self.repeats.get(key, 0) + 1
        if severity == WARNING and self.repeats[key] > MAX_REPEATED_WARNINGS:
            self.report.issues_omitted += 1  # counted in "… and N more issues"
        else:
            self.report.issues.append(found)
        return found

    def reject(self, message: str, **fields: object) -> ImportReport:
        self.report.status = "rejected"
        self.report.message = message
        self.report.message_fields = fields
        for sheet in self.report.sheets:
            sheet.rows_loaded = 0
        self.log("rejected")
        return self.report

    def log(self, status: str) -> None:
        """Write the attempt's ``import_log`` row and audit entry, when the database can still
        be written (after a full disk it may not: the report still says what happened)."""
        try:
            with write_transaction(self.cur, same_connection=True):
                self._log_row(status)
        except WriteFailed:
            self.report.import_id = None

    def _log_row(self, status: str) -> None:
        report = self.report
        ensure_cluster(self.cur, self.cluster_id)
        import_id = (
            report.import_id or self.cur.execute("SELECT nextval('seq_import')").fetchone()[0]
        )
        report.import_id = import_id
        text = (
            None
            if report.message is None
            else f"{report.summary('fi', self.where)} / {report.summary('en', self.where)}"
        )
        self.cur.execute(
            "INSERT INTO import_log (import_id, cluster_id, file_name, sha256, kinds, rows_read,"
            " rows_loaded, rows_rejected, imported_at, user_name, status, message) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, ?, ?, ?)",
            [
                import_id,
                self.cluster_id,
                report.file_name,
                report.sha256,
                ",".join(dict.fromkeys(report.kinds)) or None,
                report.rows_read,
                report.rows_loaded,
                report.rows_rejected,
                self.user,
                status,
                text,
            ],
        )
        audit.record(
            self.cur,
            "import",
            f"{import_id} {status} {report.file_name} {report.sha256}",
            user=self.user,
            cluster_id=self.cluster_id,
            fields={"import_id": import_id, "status": status, "file": report.file_name},
        )


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    cluster_id: str = "default",
    file_name: str | None = None,
    kind: str | None = None,
    profile: str | None = None,
    event_title: str | None = None,
    event_date: str | dt.date | None = None,
    survey_name: str | None = None,
    survey_year: int | None = None,
    invited: int | None = None,
    register_year: int | None = None,
    max_bad_rows: float = 0.0,
    removal_limit: float | None = register.REMOVAL_LIMIT,
    user: str | None = None,
    progress: Progress | None = None,
    lang: str = "fi",
    where: Where = "cli",
) -> ImportReport:
    """Import one file into ``cluster_id``; the report says what happened (never raises for
    bad input). A member register that removes more than ``removal_limit`` of the current
    register's organisations is refused with its preview (``report.register``); 0 refuses any
    removal, None none. Sheets whose header row a saved source profile knows are read with it;
    ``profile`` names the one profile to use. ``register_year``: the year of a member register
    without a year or snapshot-date column (default: the import's year), under which its
    employee counts are kept. ``lang`` only selects the language of the progress texts;
    ``where`` the import is made (the command line or the app) selects the advice the import
    log keeps."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    path = Path(path)
    name = file_name or path.name
    step = _step(progress, lang)
    try:
        sha = file_sha256(path)
    except OSError:
        sha = ""
    run = _Run(con, ImportReport(name, sha), cluster_id, user, where)
    database = db_file(run.cur)
    # The staged tables (clear names until loaded) live on ``run.cur`` until it closes.
    with (
        janitor.guard(temp_dir(database) if database else None),
        import_memory_limit(con) if _large(path) else nullcontext(),
    ):
        try:
            return _import(
                run,
                path,
                kind=kind,
                profile=profile,
                event_title=event_title,
                event_date=parse_date_arg(event_date),
                survey_name=survey_name,
                survey_year=survey_year,
                invited=invited,
                register_year=register_year,
                max_bad_rows=max_bad_rows,
                removal_limit=removal_limit,
                step=step,
            )
        finally:
            run.cur.close()


def _large(path: Path) -> bool:
    try:
        return path.stat().st_size > LARGE_FILE_BYTES
    except OSError:
        return False


def _import(
    run: _Run,
    path: Path,
    *,
    kind: str | None,
    profile: str | None,
    event_title: str | None,
    event_date: dt.date | None,
    survey_name: str | None,
    survey_year: int | None,
    invited: int | None,
    register_year: int | None,
    max_bad_rows: float,
    removal_limit: float | None,
    step: Callable[[float, str], None],
) -> ImportReport:
    report = run.report
    step(0.05, "read")
    try:
        sheets = reading.read_upload(path, file_name=report.file_name)
    except reading.ReadError as err:
        return run.reject(err.code, **err.fields)
    step(0.3, "check")
    saved = profiles.list_profiles(run.cur, run.cluster_id)
    if profile is not None:
        chosen = next((p for p in saved if p.name.casefold() == profile.casefold()), None)
        if chosen is None:
            return run.reject("data.profile.unknown", name=profile)
        saved = [chosen]
    try:
        survey_meta = _check(
            run, sheets, kind, saved, event_title, event_date, survey_name, survey_year, step
        )
    except duckdb.Error as exc:
        return run.reject("data.file.check_failed", error=str(exc).splitlines()[0])
    sheets.clear()  # staged in DuckDB now: the parsed sheets' memory goes back before loading
    if profile is not None and not any(s.profile for s in report.sheets):
        return run.reject("data.profile.no_match", name=saved[0].name)
    report.issues.sort(key=lambda i: (i.severity != ERROR, i.sheet or "", i.row or 0))
    refusal = _refusal(run, max_bad_rows)
    if refusal is not None:
        message, fields = refusal
        return run.reject(message, **fields)
    refusal = _register_refusal(run, removal_limit)
    if refusal is not None:
        message, fields = refusal
        return run.reject(message, **fields)
    if _already_loaded(run):
        report.status = "noop"
        report.message = "data.file.noop"
        report.message_fields = {"import_id": report.import_id}
        report.import_id = None
        for sheet in report.sheets:
            sheet.rows_loaded = 0
        run.log("noop")
        return report
    step(0.6, "load")
    return _load(run, survey_meta, invited, register_year, step)


def _check(
    run: _Run,
    sheets: list[reading.RawSheet],
    kind: str | None,
    saved: list[profiles.Profile],
    event_title: str | None,
    event_date: dt.date | None,
    survey_name: str | None,
    survey_year: int | None,
    step: Callable[[float, str], None],
) -> dict[int, tuple[str, int] | None]:
    """Detect, type and validate every sheet; returns each survey sheet's (name, year)."""
    report = run.report
    sqlfunc.install(run.cur)
    overrides = {"event_title": event_title, "event_date": event_date}
    for index, sheet in enumerate(sheets):
        _stage_sheet(run, index, sheet, kind, saved, {k: v for k, v in overrides.items() if v})
        step(0.3 + 0.3 * (index + 1) / len(sheets), "check")
    _check_event_ids(run)
    surveys = [s for s in run.staged if s.kind == SURVEY.name]
    survey_meta = {
        id(s): _survey_meta(run, s, survey_name, survey_year, len(surveys) > 1) for s in surveys
    }
    for staged in run.staged:
        collect(run.cur, staged, report.file_name, run.extra.get(staged.table))
        report.issues.extend(staged.issues)
        report.issues_omitted += staged.issues_omitted
        sheet_report = next(s for s in report.sheets if s.sheet == staged.sheet)
        sheet_report.rows_read, sheet_report.rows_rejected = (
            staged.rows_read,
            staged.rows_rejected,
        )
    return survey_meta


def _detect(
    sheet_name: str,
    rows: list[list[str | None]],
    numbers: list[int],
    kind: str | None,
    saved: list[profiles.Profile],
) -> tuple[headers.Detection, str | None]:
    """(detection, profile name): a saved profile (of ``kind``, when given) whose header row
    the sheet has reads it, as the manager mapped it; else the built-in detection (SPEC 2)."""
    hit = profiles.find([p for p in saved if kind is None or p.kind == kind], rows)
    if hit is not None:
        profile, index = hit
        return headers.Detection(profiles.layout(profile, rows, numbers, index)), profile.name
    return headers.detect(sheet_name, rows, numbers, kind), None


def _stage_sheet(
    run: _Run,
    index: int,
    sheet: reading.RawSheet,
    kind: str | None,
    saved: list[profiles.Profile],
    overrides: dict[str, object],
) -> None:
    report = run.report
    if sheet.hidden:
        report.sheets.append(SheetReport(sheet.name, None, skipped="hidden"))
        return
    table = sheet.table
    rows, numbers = headers.head_rows(table)
    found, profile = _detect(sheet.name, rows, numbers, kind, saved)
    missing_values = 0
    if found.layout is None and kind in (None, "regional"):
        reshaped = pxweb.long_form(run.cur, table, rows, numbers)
        if reshaped is not None:
            table, missing_values = reshaped.table, reshaped.missing
            rows, numbers = headers.head_rows(table)
            found = headers.detect(sheet.name, rows, numbers, "regional")
    if found.layout is None:
        report.sheets.append(
            SheetReport(
                sheet.name,
                None,
                skipped=found.reason,
                skipped_fields=dict(found.fields),
                closest=list(found.closest),
            )
        )
        return
    layout = found.layout
    # A profile's mapping is the whole table: the manager chose its header row.
    blocks = [] if profile else sections.split(run.cur, table, layout.kind, layout.header_row)
    if len(blocks) <= 1:
        _stage_layout(run, f"km_stage_{index}", sheet.name, table, layout, overrides, profile)
    for number, block in enumerate(blocks if len(blocks) > 1 else ()):
        name = f"{sheet.name} – {block.title}" if block.title else sheet.name
        rows, numbers = headers.head_rows(block.table)
        part = headers.detect(name, rows, numbers, layout.kind)
        if part.layout is None:
            report.sheets.append(SheetReport(name, None, skipped=part.reason))
            continue
        # The event named above the first table is the event of every table.
        inherited = {c: v for c, v in layout.context.items() if c not in part.layout.columns}
        part.layout.context = {**inherited, **part.layout.context}
        part.layout.headers = {**{c: layout.headers[c] for c in inherited}, **part.layout.headers}
        _stage_layout(
            run,
            f"km_stage_{index}_{number}",
            name,
            block.table,
            part.layout,
            {**block.values, **overrides},
        )
    if missing_values:
        run.issue(WARNING, sheet.name, None, None, None, "values_missing", count=missing_values)


def _stage_layout(
    run: _Run,
    name: str,
    sheet: str,
    table,
    layout: headers.SheetLayout,
    overrides: dict[str, object],
    profile: str | None = None,
) -> None:
    """Check one table's columns against its kind, type its rows and report what was left
    out (notes below it, a later table); ``profile`` names the source profile it was read with."""
    run.report.sheets.append(SheetReport(sheet, layout.kind, profile=profile))
    spec = KINDS[layout.kind]
    present = layout.columns.keys() | layout.context.keys() | overrides.keys()
    missing = [column for column in spec.required if column not in present]
    for column in missing:
        run.sheet_errors.append(
            run.issue(
                ERROR, sheet, layout.header_row, spec.column(column).header_fi, None,
                "missing_column",
            )
        )  # fmt: skip
    if not missing and spec.one_of and not present & set(spec.one_of):
        headers_fi = ", ".join(spec.column(column).header_fi for column in spec.one_of)
        run.sheet_errors.append(
            run.issue(
                ERROR, sheet, layout.header_row, None, None, "missing_one_of", columns=headers_fi
            )
        )
    for header in layout.unknown:
        run.issue(WARNING, sheet, layout.header_row, header, None, "unknown_column")
    names = {column.name for column in spec.columns}
    sheet_overrides = {key: value for key, value in overrides.items() if key in names}
    # What the user gives at import wins over what the file says above its header.
    layout.context = {
        key: value for key, value in layout.context.items() if key not in sheet_overrides
    }
    staged = stage(run.cur, table, layout, sheet=sheet, name=name, overrides=sheet_overrides)
    for row, text in staged.notes:
        run.issue(WARNING, sheet, row, None, _clip(text), "note_skipped")
    cut_row, title = staged.cut_at
    if cut_row is not None:
        run.issue(WARNING, sheet, cut_row, None, _clip(title), "section_skipped")
    run.staged.append(staged)


def _clip(text: str | None, limit: int = 80) -> str | None:
    """A cell's text shortened for the report."""
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _check_event_ids(run: _Run) -> None:
    """Participant rows naming only an event id must name a known event (database or file)."""
    cluster = sqlfunc.sql_str(run.cluster_id)
    known = [f"SELECT lower(event_id) AS k FROM v_event WHERE cluster_id = {cluster}"]
    known += [
        f'SELECT lower(event_id) AS k FROM "{s.table}" WHERE NOT __bad'
        for s in run.staged
        if s.kind == "events"
    ]
    for staged in run.staged:
        if staged.kind != "participants" or "event_id" not in staged.layout.columns:
            continue
        header = sqlfunc.sql_str(staged.layout.headers["event_id"])
        run.extra[staged.table] = [
            (
                f"SELECT __row, {header}, r_event_id, 'unknown_event_id', '{ERROR}', NULL "
                f'FROM "{staged.table}" WHERE event_id IS NOT NULL '
                "AND (event_title IS NULL OR event_date IS NULL) AND lower(event_id) NOT IN "
                f"(SELECT k FROM ({' UNION ALL '.join(known)}) WHERE k IS NOT NULL)"
            )
        ]


def _survey_meta(
    run: _Run, staged: Staged, name: str | None, year: int | None, several: bool
) -> tuple[str, int] | None:
    """(name, year) of a survey sheet: given at import, else the file name and the most
    common year of the answer times; None (and a sheet error) without a year."""
    base = name or Path(run.report.file_name).stem
    full = f"{base} – {staged.sheet}" if several else base
    if year is None and "submitted" in staged.layout.columns:
        year = run.cur.execute(
            f'SELECT mode(year(submitted)) FROM "{staged.table}" WHERE submitted IS NOT NULL'
        ).fetchone()[0]
    if year is None:
        run.sheet_errors.append(
            run.issue(ERROR, staged.sheet, None, None, None, "survey_year_missing")
        )
        return None
    return full, int(year)


def _refusal(run: _Run, max_bad_rows: float) -> tuple[str, dict] | None:
    """Why the file cannot be loaded, or None (SPEC 3: share of bad rows below the limit)."""
    report = run.report
    if not run.staged:
        return "data.file.no_known_sheet", {"sheets": ", ".join(s.sheet for s in report.sheets)}
    if run.sheet_errors:
        return "data.file.sheet_errors", {"count": len(run.sheet_errors)}
    read, rejected = report.rows_read, report.rows_rejected
    if read == 0:
        return "data.file.no_rows", {}
    if rejected and rejected / read >= max_bad_rows:
        return "data.file.too_many_bad_rows", {
            "rejected": rejected,
            "read": read,
            "share": rejected / read,
            "limit": float(max_bad_rows),
        }
    return None


def _register_refusal(run: _Run, removal_limit: float | None) -> tuple[str, dict] | None:
    """Preview a member register against the current one (``report.register``); refuse it
    when it removes more than ``removal_limit`` of the current register (SPEC 3)."""
    members = next((s for s in run.staged if s.kind == "members"), None)
    if members is None:
        return None
    change = register.preview(run.cur, members.table, run.cluster_id)
    run.report.register = change
    if not change.exceeds(removal_limit):
        return None
    return "data.register.refused", {
        "removed": len(change.leaves),
        "current": change.current,
        "share": change.removed_share,
    }


def _already_loaded(run: _Run) -> bool:
    """Same SHA-256 already loaded (and not undone); a snapshot (the member register) always
    reloads."""
    if any(KINDS[s.kind].snapshot for s in run.staged):
        return False
    row = run.cur.execute(
        "SELECT max(import_id) FROM import_log WHERE cluster_id = ? AND sha256 = ? "
        "AND status = 'loaded'",
        [run.cluster_id, run.report.sha256],
    ).fetchone()
    run.report.import_id = row[0]
    return row[0] is not None


def _load(
    run: _Run,
    survey_meta: dict[int, tuple[str, int] | None],
    invited: int | None,
    register_year: int | None,
    step: Callable[[float, str], None],
) -> ImportReport:
    report, cur = run.report, run.cur
    if any(s.kind == "participants" for s in run.staged):
        sqlfunc.install_hmac(cur, load_key(db_file(cur)))
    try:
        with write_transaction(cur, same_connection=True):
            ensure_cluster(cur, run.cluster_id)
            import_id = cur.execute("SELECT nextval('seq_import')").fetchone()[0]
            ctx = load.LoadContext(
                cur,
                run.cluster_id,
                import_id,
                report.file_name,
                invited=invited,
                register_year=register_year,
            )
            order = list(KINDS)
            ordered = sorted(run.staged, key=lambda s: order.index(s.kind))
            for done, staged in enumerate(ordered):
                if staged.kind == SURVEY.name:
                    ctx.survey_name, ctx.survey_year = survey_meta[id(staged)]
                loaded = KINDS[staged.kind].loader(ctx, staged)
                next(s for s in report.sheets if s.sheet == staged.sheet).rows_loaded = loaded
                step(0.6 + 0.35 * (done + 1) / len(ordered), "load")
            report.status = "loaded"
            report.import_id = import_id
            run._log_row("loaded")
        report.issues.extend(ctx.issues)
    except WriteFailed as exc:
        report.import_id = None
        if exc.disk_full:
            run.reject("data.file.disk_full")
        else:
            run.reject("data.file.write_failed", error=exc.reason)
    except Exception as exc:  # noqa: BLE001 - any failure rolls the whole file back
        report.import_id = None
        run.reject("data.file.load_failed", error=str(exc).splitlines()[0])
    step(1.0, "done")
    return report


def import_history(con: duckdb.DuckDBPyConnection, cluster_id: str) -> list[dict]:
    """The cluster's import log, newest first, one dict per attempt."""
    cur = con.cursor()
    try:
        result = cur.execute(
            "SELECT * FROM import_log WHERE cluster_id = ? ORDER BY import_id DESC", [cluster_id]
        )
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row)) for row in result.fetchall()]
    finally:
        cur.close()


def undo_import(con: duckdb.DuckDBPyConnection, import_id: int, *, user: str | None = None) -> None:
    """Remove a loaded import's rows and restore what it replaced (raises ImportRefused)."""
    with write_transaction(con) as cur:
        row = cur.execute(
            "SELECT cluster_id, status, file_name FROM import_log WHERE import_id = ?",
            [import_id],
        ).fetchone()
        if row is None:
            raise ImportRefused("data.undo.not_found", import_id=import_id)
        cluster_id, status, file_name = row
        if status != "loaded":
            raise ImportRefused("data.undo.not_loaded", import_id=import_id, status=status)
        undo.undo(cur, cluster_id, import_id)
        cur.execute(
            "UPDATE import_log SET status = 'undone', undone_at = current_timestamp "
            "WHERE import_id = ?",
            [import_id],
        )
        audit.record(
            cur,
            "undo",
            f"{import_id} {file_name}",
            user=user,
            cluster_id=cluster_id,
            fields={"import_id": import_id, "file": file_name},
        )
