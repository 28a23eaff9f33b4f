"""Large worksheets read in row windows, so parsing a big upload needs a fraction of the memory.

calamine holds every cell of a sheet as a Rust value before fastexcel turns the sheet into
Arrow columns: a 470 MB worksheet (a 50 MB .xlsx) peaks near 840 MB for 130 MB of Arrow text.
Here such a sheet's XML is unpacked as a stream and cut at row boundaries into windows of about
``WINDOW_BYTES``; each window becomes a small workbook in memory (never on disk: the cells hold
people's names) that calamine parses alone, and only its Arrow columns are kept.

Each later window starts with a marker row just above its first row, so calamine's range (and
fastexcel's batch) starts exactly there and the rows keep their sheet numbers. Anything this
does not expect (rows without numbers, prefixed tags, rows out of order, a missing marker) gives
``WindowsUnfit`` and the caller reads the sheet whole, as for every smaller sheet.
"""

from __future__ import annotations

import ctypes
import io
import re
import secrets
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

import fastexcel
import pyarrow as pa
import pyarrow.compute as pc

from data.reading.tables import ROW, cell_table, sheet_columns

# Unpacked worksheet XML read in windows above this: below it the whole sheet costs the worker
# less than ~400 MB and reads faster (a window costs ~0.1 s of re-packing); a 200,000-row
# attendance list is ~110 MB of XML, a 50 MB workbook's sheet ~470 MB.
LARGE_SHEET_BYTES = 192 * 2**20
WINDOW_BYTES = 32 * 2**20
CHUNK = 2**20
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_ROW_START = re.compile(rb"<row[\s>]")
_ROW_NUMBER = re.compile(rb'\s*<row\b[^>]*?\sr="(\d+)"')
_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)


class WindowsUnfit(Exception):
    """The sheet's XML is not laid out as this reader expects: read it whole."""


def large_sheets(archive: zipfile.ZipFile) -> dict[str, tuple[str, bool]]:
    """Sheet name -> (worksheet part, hidden), for the sheets whose unpacked XML exceeds
    ``LARGE_SHEET_BYTES`` (none for a workbook this cannot map)."""
    sizes = {info.filename: info.file_size for info in archive.infolist()}
    if not any(size > LARGE_SHEET_BYTES for size in sizes.values()):
        return {}
    if len({name.lower() for name in sizes}) < len(archive.infolist()):
        return {}  # parts named twice: only calamine itself decides what such a file holds
    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {
        rel.get("Id"): str(PurePosixPath("xl", rel.get("Target", "")))
        for rel in rels.iter(f"{_PKG_REL}Relationship")
    }
    found = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        part = targets.get(sheet.get(f"{_REL}id"), "")
        if sizes.get(part, 0) > LARGE_SHEET_BYTES:
            found[sheet.get("name", "")] = (part, sheet.get("state", "visible") != "visible")
    return found


def read_in_windows(archive: zipfile.ZipFile, index: int, part: str) -> pa.Table:
    """Sheet ``index`` (its XML in ``part``) as the reader's cell table, window by window."""
    others = {
        info.filename: (
            _EMPTY_SHEET if info.filename.startswith("xl/worksheets/") else archive.read(info)
        )
        for info in archive.infolist()
        if info.filename != part
    }
    marker = f"km-window-{secrets.token_hex(8)}"
    tables: list[pa.Table] = []
    last_row = 0
    for marker_row, pieces in _windows(archive, part, WINDOW_BYTES, marker):
        book = _workbook(others, part, pieces)
        pieces.clear()  # the views of the buffer go before it moves on
        table = _window_table(book, index, marker_row, marker)
        del book
        _give_back_memory()
        if table.num_rows:
            if pc.min(table[ROW]).as_py() <= last_row:
                raise WindowsUnfit("rows out of order")
            last_row = pc.max(table[ROW]).as_py()
            tables.append(table)
    if not tables:
        return cell_table([])
    width = max(t.num_columns for t in tables)
    return pa.concat_tables([_widened(t, width) for t in tables])


def _windows(
    archive: zipfile.ZipFile, part: str, window_bytes: int, marker: str
) -> Iterator[tuple[int | None, list[bytes | memoryview]]]:
    """(marker row, the worksheet XML in pieces) per window: the first window is the sheet's
    top (no marker); a later one begins with a marker row just above its first row. The pieces
    are views of one buffer, valid until the next window is asked for."""
    with archive.open(part) as stream:
        buffer = bytearray()
        while b"<sheetData>" not in buffer:
            if not (block := stream.read(CHUNK)) or len(buffer) > CHUNK * 4:
                raise WindowsUnfit("no <sheetData> near the top")
            buffer += block
        start = buffer.index(b"<sheetData>") + len(b"<sheetData>")
        head = _DIMENSION.sub(b"", bytes(buffer[:start]))
        del buffer[:start]
        later = False
        while True:
            ended = _fill(stream, buffer, window_bytes)
            end = buffer.find(b"</sheetData>")
            final = 0 <= end <= window_bytes
            if final:
                cut, tail = end, bytes(buffer[end:]) + stream.read()
            elif end < 0 and ended:
                raise WindowsUnfit("no </sheetData>")
            else:
                limit = min(window_bytes, end if end >= 0 else len(buffer))
                cut, tail = _last_row_start(buffer, limit), b"</sheetData></worksheet>"
            marker_row, pieces = None, [head]
            if later:
                number = _ROW_NUMBER.match(buffer, 0, min(cut, 4096))
                if number is None or int(number.group(1)) < 2:
                    raise WindowsUnfit("a row without its number")
                marker_row = int(number.group(1)) - 1
                pieces.append(_marker_row(marker_row, marker))
            with memoryview(buffer) as view:
                yield marker_row, [*pieces, view[:cut], tail]
            if final:
                return
            del buffer[:cut]
            later = True


def _fill(stream: io.BufferedIOBase, buffer: bytearray, size: int) -> bool:
    """Read until ``buffer`` holds ``size`` bytes; True when the stream has ended."""
    while len(buffer) < size:
        block = stream.read(CHUNK)
        if not block:
            return True
        buffer += block
    return False


def _last_row_start(buffer: bytearray, limit: int) -> int:
    """Where the last ``<row`` before ``limit`` begins (not the first: a window keeps a row)."""
    at = limit
    while (at := buffer.rfind(b"<row", 0, at)) > 0:
        if _ROW_START.match(buffer, at):
            return at
    raise WindowsUnfit("a single row larger than a window")


def _marker_row(row: int, marker: str) -> bytes:
    return (
        f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{marker}</t></is></c></row>'
    ).encode()


def _workbook(others: dict[str, bytes], part: str, pieces: list[bytes | memoryview]) -> bytes:
    """A workbook in memory: the original parts, the window as the sheet's part, unpacked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
        for name, data in others.items():
            book.writestr(name, data)
        with book.open(part, "w") as sheet:
            for piece in pieces:
                sheet.write(piece)
    return out.getvalue()


def _window_table(book: bytes, index: int, marker_row: int | None, marker: str) -> pa.Table:
    """The window's cell table, rows numbered as in the sheet. The first window reads from
    the sheet's top (fastexcel pads the rows above the data); a later one starts at its marker
    row, which must be the batch's first row, and leaves it out."""
    sheet = fastexcel.read_excel(book).load_sheet(
        index,
        header_row=None,
        skip_rows=0 if marker_row is None else None,
        dtypes="string",
        whitespace_as_null=True,
    )
    if sheet.height == 0 or sheet.width == 0:
        return cell_table([])
    columns = sheet_columns(sheet)
    if marker_row is None:
        return cell_table(columns)
    if columns[0][0].as_py() != marker:
        raise WindowsUnfit("the window does not start at its marker row")
    return cell_table([column.slice(1) for column in columns], first_row=marker_row + 1)


def _widened(table: pa.Table, width: int) -> pa.Table:
    """``table`` with empty text columns up to ``width`` columns (``__row`` included)."""
    for number in range(table.num_columns - 1, width - 1):
        table = table.append_column(f"c{number}", pa.nulls(table.num_rows, pa.string()))
    return table


def _give_back_memory() -> None:
    """Hand the window's freed heap back to the system (glibc keeps it otherwise)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
