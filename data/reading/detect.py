"""What an upload really is, judged by its bytes, never by its name.

Returns the reader to use ("xlsx", "xlsb", "ods", "xls" or "csv") or raises ReadError for
files refused before parsing: encrypted, bombs, DTDs, macro-only, other formats.
"""

from __future__ import annotations

import re
from pathlib import Path

from data.reading.errors import ReadError
from data.reading.ole import SIGNATURE as OLE_SIGNATURE
from data.reading.ole import has_filepass, read_compound
from data.reading.zip_checks import inspect_zip

TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".ods", ""})
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLD_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")  # BOF records of BIFF2-4
_MARKUP = re.compile(
    rb"^(\xef\xbb\xbf)?\s*<(!DOCTYPE|html|\?xml|[A-Za-z][\w:.-]*[\s>])", re.IGNORECASE
)
_OTHER_FORMATS = ((b"\x1f\x8b", "gzip / Gnumeric"), (b"%PDF", "PDF"), (b"{\\rtf", "RTF"))


def detect(path: Path, file_name: str) -> tuple[str, bool]:
    """The reader for the file and whether it holds macros; ReadError when refused."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head.strip() and not path.read_bytes().strip():
        raise ReadError("reading.empty", file=file_name)
    if head.startswith(_ZIP):
        workbook = inspect_zip(path, file_name)
        return workbook.fmt, workbook.has_macros
    if head.startswith(OLE_SIGNATURE):
        return _ole(path, file_name), False
    if head.startswith(_OLD_BIFF):
        raise ReadError("reading.unsupported_format", file=file_name, format="Excel 2.x–4.x")
    for magic, name in _OTHER_FORMATS:
        if head.startswith(magic):
            raise ReadError("reading.unsupported_format", file=file_name, format=name)
    if _MARKUP.match(head):
        if b"opendocument.spreadsheet" in head:
            raise ReadError(
                "reading.unsupported_format", file=file_name, format="OpenDocument XML (.fods)"
            )
        raise ReadError("reading.not_spreadsheet", file=file_name)
    return "csv", False


def _ole(path: Path, file_name: str) -> str:
    try:
        compound = read_compound(path)
    except ValueError as exc:  # a looping or truncated sector table: parsers abort on these
        raise ReadError("reading.unreadable", file=file_name, detail=str(exc)) from exc
    names = compound.names
    if {"encryptioninfo", "encryptedpackage"} & names:
        raise ReadError("reading.encrypted", file=file_name)
    stream = "workbook" if "workbook" in names else "book" if "book" in names else None
    if stream is None:
        raise ReadError("reading.not_spreadsheet", file=file_name)
    try:
        encrypted = has_filepass(compound.read(stream))
    except (ValueError, KeyError, StopIteration):
        encrypted = False
    if encrypted:
        raise ReadError("reading.encrypted", file=file_name)
    return "xls"
