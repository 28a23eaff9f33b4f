"""XML parts of a workbook may not declare a DTD: no DOCTYPE, no ENTITY (XML bombs, XXE).

Only the prolog (everything before the root element) can hold a DTD, so the first bytes of
each part suffice; every part is checked, whatever its name, since a workbook's
relationships may point anywhere. A part in an encoding a spreadsheet never uses (UTF-7,
EBCDIC...) is refused too, because a DTD can hide in it from a byte-level check.
"""

from __future__ import annotations

import codecs
import re

PROLOG_BYTES = 64 * 1024
SAFE_ENCODINGS = {
    "utf-8",
    "utf8",
    "us-ascii",
    "ascii",
    "iso-8859-1",
    "latin-1",
    "latin1",
    "windows-1252",
    "cp1252",
    "utf-16",
    "utf-16le",
    "utf-16be",
}
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(r"<[A-Za-z_]")
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def prolog_is_safe(head: bytes) -> bool:
    """False when ``head`` (the first PROLOG_BYTES of a part) is XML that declares a DTD, uses
    an odd encoding, or has a prolog longer than ``head``. A part that is not XML (an image,
    binary records, an empty part) is safe unless a DTD shows up in it anyway.
    """
    text = _decode(head)
    if text is None:
        return False
    if not text.lstrip().startswith("<"):
        return not _DTD.search(text)
    text = _COMMENT.sub("", text)
    root = _ROOT.search(text)
    prolog = text[: root.start()] if root else text
    if _DTD.search(prolog):
        return False
    return root is not None or len(head) < PROLOG_BYTES


def _decode(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="ignore")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="ignore")
    if head.lstrip().startswith(_EBCDIC_XML):
        return None
    declared = _DECLARED.match(head)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in SAFE_ENCODINGS:
        return None
    return head.decode("utf-8", errors="ignore")
