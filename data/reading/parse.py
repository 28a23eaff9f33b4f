"""From an untrusted file to sheets: detect the real format, refuse what is unsafe, parse."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from data.reading.detect import TEXT_SUFFIXES, WORKBOOK_SUFFIXES, detect
from data.reading.errors import ReadError

if TYPE_CHECKING:
    from data.reading.tables import SheetData


def parse(path: Path, file_name: str) -> list[SheetData]:
    """The sheets holding data; ReadError for anything refused or unreadable.

    The parsers (and pyarrow) are imported only once the file has passed detection, so a
    refused file costs the child no more than its checks.
    """
    fmt, has_macros = detect(path, file_name)
    if fmt == "csv":
        sheets = _text_sheets(path, file_name)
    else:
        from data.reading.excel import read_workbook

        try:
            sheets = read_workbook(path, fmt)
        except Exception as exc:  # calamine's errors carry no type worth telling apart
            code = (
                "reading.encrypted"
                if "password protected" in str(exc).lower()
                else "reading.unreadable"
            )
            raise ReadError(code, file=file_name, detail=str(exc)[:300]) from exc
    if not sheets:
        raise ReadError("reading.macro_only" if has_macros else "reading.empty", file=file_name)
    return sheets


def _text_sheets(path: Path, file_name: str) -> list[SheetData]:
    """A text file as one sheet named after the file.

    Text named .csv/.txt/.tsv is CSV. Text named like a workbook is CSV only when it splits
    into columns (systems often export tab-separated text as .xls); text under any other
    name (a script, a JSON file) is not a spreadsheet.
    """
    from data.reading.csv_text import read_csv

    suffix = Path(file_name).suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in WORKBOOK_SUFFIXES:
        raise ReadError("reading.not_spreadsheet", file=file_name)
    table = read_csv(path.read_bytes(), file_name)
    if suffix not in TEXT_SUFFIXES and table.num_columns <= 2:
        raise ReadError("reading.not_spreadsheet", file=file_name)
    return [(Path(file_name).stem, False, table)] if table.num_rows else []
