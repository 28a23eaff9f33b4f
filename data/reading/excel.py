"""Workbook sheets as text cells through fastexcel (calamine): .xlsx .xlsm .xlsb .xls .ods."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import fastexcel
import pyarrow as pa

from data.reading import windows
from data.reading.tables import SheetData, cell_table, sheet_columns

CALAMINE_SUFFIXES = {
    "xlsx": (".xlsx", ".xlsm"),
    "xlsb": (".xlsb",),
    "xls": (".xls",),
    "ods": (".ods",),
}


def read_workbook(path: Path, fmt: str) -> list[SheetData]:
    """Every sheet holding cells as (name, hidden, table), read as format ``fmt``.

    calamine picks its parser by file extension, so a file whose name lies about its format
    is opened through a link that carries the detected one.
    """
    if path.suffix.lower() in CALAMINE_SUFFIXES[fmt]:
        return _read(path)
    with tempfile.TemporaryDirectory(prefix="reading-") as folder:
        link = Path(folder) / f"upload{CALAMINE_SUFFIXES[fmt][0]}"
        link.symlink_to(path.resolve())
        return _read(link)


def _read(path: Path) -> list[SheetData]:
    """``header_row=None, skip_rows=0`` makes fastexcel pad the rows above calamine's used
    range, so batch row i is sheet row i + 1; the first column's ``absolute_index`` counts the
    columns left of the range, padded here with nulls so ``c0`` is always column A. Empty and
    whitespace-only cells arrive as nulls. Very large worksheets of an .xlsx are read in row
    windows (``data.reading.windows``) when their XML allows it.
    """
    reader = fastexcel.read_excel(path)
    large = _large_sheets(path)
    out: list[SheetData] = []
    for index, name in enumerate(reader.sheet_names):
        if name in large:
            part, hidden = large[name]
            table = _windowed(path, index, part)
            if table is not None:
                if table.num_rows:
                    out.append((name, hidden, table))
                continue
        sheet = reader.load_sheet(
            index, header_row=None, skip_rows=0, dtypes="string", whitespace_as_null=True
        )
        if sheet.width == 0 or sheet.height == 0:
            continue
        table = cell_table(sheet_columns(sheet))
        if table.num_rows:
            out.append((name, sheet.visible != "visible", table))
    return out


def _large_sheets(path: Path) -> dict[str, tuple[str, bool]]:
    if path.suffix.lower() not in CALAMINE_SUFFIXES["xlsx"]:
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
            return windows.large_sheets(archive)
    except (zipfile.BadZipFile, OSError):
        return {}


def _windowed(path: Path, index: int, part: str) -> pa.Table | None:
    """The sheet read in windows, or None when its XML does not allow it (read it whole)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return windows.read_in_windows(archive, index, part)
    except windows.WindowsUnfit:
        return None
