"""CSV uploads: encoding and separator detection, then rows of text cells.

Encodings (SPEC 2): UTF-8 with or without BOM, UTF-16 with BOM (or plainly UTF-16 by its
zero bytes), else Windows-1252; charset-normalizer only judges bytes none of these decode.
Separators: a leading ``sep=X`` line (Excel's own hint) wins; UTF-16 text is tab-separated
whenever tabs split it (Teams writes "CSV" that way); else ``;``, tab or ``,``, whichever splits
the longest run of consecutive records, header included, into the same number of fields, wider
runs first (``;`` first on a tie, because Finnish exports use the decimal comma). Commas
inside dates (``03/05/23, 09:58:12``) split rows unevenly, so they lose to the real separator.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from itertools import groupby, islice, zip_longest

import pyarrow as pa

from data.reading.errors import ReadError
from data.reading.tables import blank_to_null, cell_table

SEPARATORS = (";", "\t", ",")
SAMPLE_ROWS = 50
_SEP_LINE = re.compile(r"sep=([^\r\n])(\r\n|\r|\n|$)", re.IGNORECASE)
csv.field_size_limit(16 * 1024 * 1024)


def is_utf16(data: bytes) -> bool:
    """UTF-16 by its byte order mark or, without one, by its zero bytes."""
    head = data[:4096]
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        bool(head) and head.count(0) * 4 >= len(head)
    )


def decode(data: bytes, file_name: str) -> str:
    """The text of a CSV file; raises ReadError when it is not text in a known encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", file_name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", file_name)
    head = data[:4096]
    if is_utf16(data):
        zeros_even = head[0::2].count(0)
        zeros_odd = head[1::2].count(0)
        try:
            return data.decode("utf-16-be" if zeros_even > zeros_odd else "utf-16-le")
        except UnicodeDecodeError as exc:
            raise ReadError("reading.not_spreadsheet", file=file_name) from exc
    if 0 in head:
        raise ReadError("reading.not_spreadsheet", file=file_name)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is None:
        raise ReadError("reading.csv_encoding", file=file_name)
    return str(guess)


def _strict(data: bytes, encoding: str, file_name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError("reading.csv_encoding", file=file_name) from exc
    return text.removeprefix("\ufeff")


def _widths(text: str, delimiter: str) -> list[int]:
    """Fields per record of the first records (blank lines left out)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [len(row) for row in islice(reader, SAMPLE_ROWS) if row]
    except csv.Error:
        return []


def _consistency(widths: list[int]) -> int:
    """Records times extra fields of the longest run of consecutive records that split into
    the same number (two or more) of fields."""
    best = 0
    for width, run in groupby(widths):
        if width >= 2:
            best = max(best, len(list(run)) * (width - 1))
    return best


def separator(text: str, *, utf16: bool = False) -> str:
    """The field separator of the sample text (see the module doc)."""
    if utf16 and any(width >= 2 for width in _widths(text, "\t")):
        return "\t"
    best, best_score = SEPARATORS[-1], 0
    for candidate in SEPARATORS:
        score = _consistency(_widths(text, candidate))
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_csv(data: bytes, file_name: str) -> pa.Table:
    """The CSV file's rows as a sheet table; row numbers are records as Excel numbers them."""
    text = decode(data, file_name)
    hint = _SEP_LINE.match(text)
    if hint:
        text, delimiter = text[hint.end() :], hint.group(1)
    else:
        delimiter = separator(text[: 256 * 1024], utf16=is_utf16(data))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ReadError("reading.unreadable", file=file_name) from exc
    if not rows:
        raise ReadError("reading.empty", file=file_name)
    columns = [blank_to_null(pa.array(column, pa.string())) for column in zip_longest(*rows)]
    return cell_table(columns)
