"""Zip containers (.xlsx .xlsm .xlsb .ods): refuse bombs, encryption and DTDs before parsing.

Limits are far above real workbooks (a 50 MB upload of sheet XML unpacks to well under
1 GiB, at ratios below 100) and far below what a crafted archive needs to exhaust memory.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from data.reading.errors import ReadError
from data.reading.xml_prolog import PROLOG_BYTES, prolog_is_safe

MAX_ENTRIES = 10_000
MAX_UNPACKED = 1024 * 2**20
MAX_RATIO = 200
RATIO_GRACE = 10 * 2**20
ODS_TYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError)
_XML_MAIN = re.compile(rb"(spreadsheetml|ms-excel)[\w.-]*\.main\+xml", re.IGNORECASE)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


@dataclass(frozen=True)
class ZipWorkbook:
    """What the archive holds: ``fmt`` is "xlsx", "xlsb" or "ods"."""

    fmt: str
    has_macros: bool


def inspect_zip(path: Path, file_name: str) -> ZipWorkbook:
    """The workbook type of the archive; ReadError when it is unsafe or not a workbook."""
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise ReadError("reading.unreadable", file=file_name) from exc
    with archive:
        infos = archive.infolist()
        _check_sizes(path, infos, file_name)
        if any(info.flag_bits & 0x1 for info in infos):
            raise ReadError("reading.encrypted", file=file_name)
        names = {info.filename.replace("\\", "/").lower(): info for info in infos}
        workbook = _classify(archive, names, file_name)  # byte searches only, no XML parsing
        if not all(prolog_is_safe(_head(archive, info, file_name)) for info in infos):
            raise ReadError("reading.xml_unsafe", file=file_name)
        if (
            workbook.has_macros
            and workbook.fmt == "xlsx"
            and not any(
                _has_cells(archive, info, file_name)
                for name, info in names.items()
                if "/worksheets/" in f"/{name}"
            )
        ):
            raise ReadError("reading.macro_only", file=file_name)
        return workbook


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], file_name: str) -> None:
    """Entry count, unpacked size, ratio, and entries that share or overlap their bytes."""
    if not infos:
        raise ReadError("reading.empty", file=file_name)
    if len(infos) > MAX_ENTRIES or sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise ReadError("reading.zip_bomb", file=file_name)
    if any(
        info.file_size > RATIO_GRACE and info.file_size > MAX_RATIO * info.compress_size
        for info in infos
    ):
        raise ReadError("reading.zip_bomb", file=file_name)
    if len({info.filename for info in infos}) != len(infos):
        raise ReadError("reading.zip_bomb", file=file_name)
    size = path.stat().st_size
    end = 0
    with path.open("rb") as fh:
        for info in sorted(infos, key=lambda i: i.header_offset):
            if info.header_offset < end:
                raise ReadError("reading.zip_bomb", file=file_name)
            fh.seek(info.header_offset)
            header = fh.read(_LOCAL_HEADER.size)
            if len(header) < _LOCAL_HEADER.size:
                raise ReadError("reading.unreadable", file=file_name)
            signature, name_len, extra_len = _LOCAL_HEADER.unpack(header)
            if signature != b"PK\x03\x04":
                raise ReadError("reading.unreadable", file=file_name)
            end = (
                info.header_offset + _LOCAL_HEADER.size + name_len + extra_len + info.compress_size
            )
            if end > size:
                raise ReadError("reading.unreadable", file=file_name)


def _classify(
    archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], file_name: str
) -> ZipWorkbook:
    if "mimetype" in names or "content.xml" in names:
        mimetype = _head(archive, names["mimetype"], file_name) if "mimetype" in names else b""
        manifest = (
            _head(archive, names["meta-inf/manifest.xml"], file_name, 16)
            if "meta-inf/manifest.xml" in names
            else b""
        )
        if not mimetype.strip().decode("ascii", "replace").startswith(ODS_TYPES) and not any(
            t.encode() in manifest for t in ODS_TYPES
        ):
            raise ReadError("reading.not_spreadsheet", file=file_name)
        if b"encryption-data" in manifest:
            raise ReadError("reading.encrypted", file=file_name)
        return ZipWorkbook("ods", has_macros=any(n.startswith("basic/") for n in names))
    if any(name.endswith(("index/document.iwa", "index.zip")) for name in names):
        raise ReadError("reading.unsupported_format", file=file_name, format="Apple Numbers")
    if "[content_types].xml" not in names:
        raise ReadError("reading.not_spreadsheet", file=file_name)
    content_types = _head(archive, names["[content_types].xml"], file_name, 16)
    has_macros = any(
        name.endswith("vbaproject.bin") or "/macrosheets/" in f"/{name}" for name in names
    )
    if _XML_MAIN.search(content_types):
        return ZipWorkbook("xlsx", has_macros)
    if any(name.endswith("workbook.bin") for name in names):
        return ZipWorkbook("xlsb", has_macros)
    raise ReadError("reading.not_spreadsheet", file=file_name)


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str) -> Iterator[bytes]:
    """The unpacked bytes of one entry in chunks; a broken entry is an unreadable file."""
    try:
        with archive.open(info) as part:
            while chunk := part.read(PROLOG_BYTES):
                yield chunk
    except _ZIP_ERRORS as exc:
        raise ReadError("reading.unreadable", file=file_name) from exc


def _head(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str, chunks: int = 1
) -> bytes:
    """The first ``chunks`` × PROLOG_BYTES of an entry."""
    return b"".join(islice(_chunks(archive, info, file_name), chunks))


def _has_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str) -> bool:
    """Whether a worksheet part holds any cell element."""
    tail = b""
    for chunk in _chunks(archive, info, file_name):
        if _CELL.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False
