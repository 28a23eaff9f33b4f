"""CSV uploads: encoding and separator detection, then rows of text cells.

Encodings (SPEC 2): UTF-8 with or without BOM, UTF-16 with BOM (or plainly UTF-16 by its
zero bytes), else Windows-1252; charset-normalizer only judges bytes none of these decode.
Separators: a leading ``sep=X`` line (Excel's own hint) wins; else ``;``, tab or ``,``,
whichever splits the first rows most consistently (``;`` first, because Finnish exports use
the decimal comma).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from itertools import islice, zip_longest

import pyarrow as pa

from data.reading.errors import ReadError
from data.reading.tables import blank_to_null, cell_table

SEPARATORS = (";", "\t", ",")
SAMPLE_ROWS = 50
_SEP_LINE = re.compile(r"sep=([^\r\n])(\r\n|\r|\n|$)", re.IGNORECASE)
csv.field_size_limit(16 * 1024 * 1024)


def decode(data: bytes, file_name: str) -> str:
    """The text of a CSV file; raises ReadError when it is not text in a known encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", file_name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", file_name)
    head = data[:4096]
    if head and head.count(0) * 4 >= len(head):
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


def separator(text: str) -> str:
    """The field separator that splits the sample rows into the same number of fields."""
    best, best_score = SEPARATORS[-1], (0.0, 0)
    for candidate in SEPARATORS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=candidate)
        counts = [len(row) for row in islice(reader, SAMPLE_ROWS) if row]
        if not counts:
            continue
        width, hits = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (hits / len(counts), width)
        if score[0] > best_score[0]:
            best, best_score = candidate, score
    return best


def read_csv(data: bytes, file_name: str) -> pa.Table:
    """The CSV file's rows as a sheet table; row numbers are records as Excel numbers them."""
    text = decode(data, file_name)
    hint = _SEP_LINE.match(text)
    if hint:
        text, delimiter = text[hint.end() :], hint.group(1)
    else:
        delimiter = separator(text[: 256 * 1024])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ReadError("reading.unreadable", file=file_name) from exc
    if not rows:
        raise ReadError("reading.empty", file=file_name)
    columns = [blank_to_null(pa.array(column, pa.string())) for column in zip_longest(*rows)]
    return cell_table(columns)
