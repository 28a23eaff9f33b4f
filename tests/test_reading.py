"""The safe reader: files built here, read through the isolated child, outcomes checked."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import struct
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from data.reading import RawSheet, ReadError, read_upload
from data.reading.csv_text import read_csv, separator
from i18n import catalogue

READING_DIR = Path(__file__).resolve().parents[1] / "data" / "reading"


def _rows(sheet: RawSheet) -> list[dict]:
    return sheet.table.to_pylist()


def _refusal(path: Path, **options: object) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_upload(path, **options)
    error = caught.value
    for lang in ("fi", "en"):
        assert path.name in error.message(lang)
    return error


def _workbook(path: Path) -> Path:
    """A two-sheet workbook with a title row, a hidden sheet, a chart sheet and a blank sheet."""
    book = xlsxwriter.Workbook(path)
    members = book.add_worksheet("Jäsenet")
    members.write("B2", "Jäsenrekisteri 2024")  # the used range starts at B2, not A1
    members.write_row("B4", ["nimi", "liittynyt", "henkilöstö", "hallitus"])
    members.write("B5", "Alfa Oy")
    members.write_datetime(
        "C5", dt.datetime(2010, 10, 10), book.add_format({"num_format": "d.m.yyyy"})
    )
    members.write_number("D5", 1.1)
    members.write_boolean("E5", True)
    members.write("B7", "Beta Oy")
    members.write_number("D7", 3)
    hidden = book.add_worksheet("Ohje")
    hidden.write("A1", "ohjeteksti")
    hidden.hide()
    book.add_worksheet("Tyhjä")
    chart = book.add_chart({"type": "line"})
    chart.add_series({"values": "=Jäsenet!$D$5:$D$7"})
    book.add_chartsheet("Kaavio").set_chart(chart)
    book.close()
    return path


@pytest.fixture(scope="module")
def workbook_sheets(tmp_path_factory: pytest.TempPathFactory) -> list[RawSheet]:
    return read_upload(_workbook(tmp_path_factory.mktemp("book") / "jasenet.xlsx"))


def test_title_rows_keep_sheet_row_numbers_and_column_letters(workbook_sheets) -> None:
    rows = _rows(workbook_sheets[0])
    assert [row["__row"] for row in rows] == [2, 4, 5, 7]
    assert rows[0] == {
        "__row": 2,
        "c0": None,
        "c1": "Jäsenrekisteri 2024",
        "c2": None,
        "c3": None,
        "c4": None,
    }
    assert rows[1] == {
        "__row": 4,
        "c0": None,
        "c1": "nimi",
        "c2": "liittynyt",
        "c3": "henkilöstö",
        "c4": "hallitus",
    }
    assert workbook_sheets[0].table.column_names == ["__row", "c0", "c1", "c2", "c3", "c4"]


def test_dates_numbers_and_booleans_arrive_as_text(workbook_sheets) -> None:
    rows = _rows(workbook_sheets[0])
    assert rows[2] == {
        "__row": 5,
        "c0": None,
        "c1": "Alfa Oy",
        "c2": "2010-10-10 00:00:00",
        "c3": "1.1",
        "c4": "true",
    }
    assert rows[3]["c3"] == "3"


def test_sheets_hidden_flag_and_skipped_chart_and_blank_sheets(workbook_sheets) -> None:
    assert [(s.name, s.hidden) for s in workbook_sheets] == [("Jäsenet", False), ("Ohje", True)]
    assert _rows(workbook_sheets[1]) == [{"__row": 1, "c0": "ohjeteksti"}]


def test_workbook_renamed_as_xls_is_read_by_its_content(tmp_path: Path) -> None:
    renamed = tmp_path / "jasenet.xls"
    renamed.write_bytes(_workbook(tmp_path / "orig.xlsx").read_bytes())
    assert [s.name for s in read_upload(renamed)] == ["Jäsenet", "Ohje"]


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2">
<office:automatic-styles><style:style style:name="piilo" style:family="table">
<style:table-properties table:display="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Jäsenet">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="string">
<text:p>nimi</text:p></table:table-cell><table:table-cell office:value-type="float"
 office:value="1.5"><text:p>1,5</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="date"
 office:date-value="2023-05-15"><text:p>15.5.2023</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Ohje" table:style-name="piilo"><table:table-row>
<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>
</table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"""


ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
)


def test_ods_rows_columns_and_hidden_sheet(tmp_path: Path) -> None:
    path = tmp_path / "jasenet.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as ods:
        ods.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        ods.writestr("content.xml", ODS_CONTENT.replace("\n", ""))  # as LibreOffice writes it
        ods.writestr("META-INF/manifest.xml", ODS_MANIFEST)
    sheets = read_upload(path)
    assert [(s.name, s.hidden) for s in sheets] == [("Jäsenet", False), ("Ohje", True)]
    assert _rows(sheets[0]) == [
        {"__row": 3, "c0": None, "c1": "nimi", "c2": "1.5"},
        {"__row": 4, "c0": None, "c1": "2023-05-15", "c2": None},
    ]


# --- CSV -------------------------------------------------------------------------------

CSV_TEXT = "Osallistujat 2024\n\nnimi;summa;kunta\nÄänekosken Oy;1 500,50 €;Loimaa\n"
CSV_ROWS = [
    {"__row": 1, "c0": "Osallistujat 2024", "c1": None, "c2": None},
    {"__row": 3, "c0": "nimi", "c1": "summa", "c2": "kunta"},
    {"__row": 4, "c0": "Äänekosken Oy", "c1": "1 500,50 €", "c2": "Loimaa"},
]


@pytest.mark.parametrize(
    "encoded",
    [
        CSV_TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"),
        CSV_TEXT.encode("utf-16"),
        CSV_TEXT.encode("cp1252"),
        CSV_TEXT.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "cp1252-crlf"],
)
def test_csv_encodings(encoded: bytes) -> None:
    assert read_csv(encoded, "x.csv").to_pylist() == CSV_ROWS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("nimi;summa\nAlfa;1,5\nBeta;2,25\n", ";"),
        ("name,note\nAlfa,see; also\nBeta,x\nGamma,y\n", ","),
    ],
)
def test_csv_separator_detection(text: str, expected: str) -> None:
    assert separator(text) == expected


# A Teams report converted to UTF-8 (GitHub dvaneynde/teams-attendance data/utf8/): tabs,
# with a comma inside every date; and a Zoom report (Lightbridge-KS/zoomclass): commas.
TEAMS_UTF8 = (
    "1. Summary\nMeeting title\tScrum Meeting\nStart time\t15/11/22, 09:30:17\n\n"
    "2. Participants\nName\tFirst join\tLast leave\tIn-meeting duration\tEmail\tRole\n"
    + "".join(
        f"P{i}\t15/11/22, 09:30:{i:02d}\t15/11/22, 09:41:46\t10m 59s\tp{i}@x.fi\tAttendee\n"
        for i in range(8)
    )
)
ZOOM = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "60245167821,Heroes meeting,11/19/2021 10:00:00 AM,11/19/2021 12:00:00 PM,a@x.fi,120,27\n"
    ",,,,,,\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Consent\n"
    "015_Loki (Loki Laufeyson),l@x.fi,11/19/2021 09:54:15 AM,11/19/2021 12:01:59 PM,128,Yes,Y\n"
)


def test_separator_is_not_fooled_by_commas_in_dates() -> None:
    assert separator(TEAMS_UTF8) == "\t"
    assert separator(ZOOM) == ","
    # UTF-16 text is tab-separated whenever tabs split it, else detected as usual.
    assert separator("a;b\n1;2\n", utf16=True) == ";"
    assert separator(TEAMS_UTF8, utf16=True) == "\t"


def test_csv_quoted_line_breaks_count_as_one_row() -> None:
    text = 'nimi;kuvaus\n"Alfa";"rivi 1\nrivi 2"\nBeta;"a ""lainaus"""\n'
    assert read_csv(text.encode(), "x.csv").to_pylist() == [
        {"__row": 1, "c0": "nimi", "c1": "kuvaus"},
        {"__row": 2, "c0": "Alfa", "c1": "rivi 1\nrivi 2"},
        {"__row": 3, "c0": "Beta", "c1": 'a "lainaus"'},
    ]


def test_csv_excel_sep_hint_and_ragged_rows() -> None:
    table = read_csv(b"sep=,\nnimi,summa,kunta\nAlfa,1;2\n", "x.csv")
    assert table.to_pylist() == [
        {"__row": 1, "c0": "nimi", "c1": "summa", "c2": "kunta"},
        {"__row": 2, "c0": "Alfa", "c1": "1;2", "c2": None},
    ]


def test_csv_upload_is_one_sheet_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "osallistujat.csv"
    path.write_bytes(CSV_TEXT.encode("cp1252"))
    sheets = read_upload(path, file_name="Osallistujat syksy.csv")
    assert [(s.name, s.hidden) for s in sheets] == [("Osallistujat syksy", False)]
    assert _rows(sheets[0]) == CSV_ROWS


def test_tab_separated_text_named_xls_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("nimi\tsumma\nAlfa\t10\n", encoding="utf-8")
    assert _rows(read_upload(path)[0])[1] == {"__row": 2, "c0": "Alfa", "c1": "10"}


# --- refusals before parsing ---------------------------------------------------------------


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "iso.csv"
    path.write_text("a;b\n" * 2**19 + "x", encoding="utf-8")  # 2 MiB and a byte
    error = _refusal(path, max_bytes=2**20)
    assert error.code == "reading.too_large"
    assert "(3 Mt): enimmäiskoko on 1 Mt" in error.message("fi")
    assert "(3 MB): the limit is 1 MB" in error.message("en")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tyhja.xlsx", b""),
        ("tyhja.csv", b"\r\n\r\n  \n"),
        ("tyhja2.csv", b";;\n;;\n"),
    ],
)
def test_empty_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _refusal(path).code == "reading.empty"


def _rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the zip ``source`` with some entries replaced or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in replace:
                new.writestr(info, old.read(info))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    bomb = _rezip(
        _workbook(tmp_path / "b.xlsx"),
        tmp_path / "pommi.xlsx",
        {"xl/worksheets/sheet9.xml": b"<a>" + b" " * 64 * 2**20 + b"</a>"},
    )
    assert bomb.stat().st_size < 2**20
    assert _refusal(bomb).code == "reading.zip_bomb"


def test_zip_with_overlapping_entries(tmp_path: Path) -> None:
    path = _rezip(_workbook(tmp_path / "b.xlsx"), tmp_path / "limitetty.xlsx", {})
    data = bytearray(path.read_bytes())
    second = [m.start() for m in re.finditer(b"PK\x01\x02", data)][1]
    struct.pack_into("<I", data, second + 42, 0)  # its local header offset -> the first entry's
    path.write_bytes(bytes(data))
    assert _refusal(path).code == "reading.zip_bomb"


@pytest.mark.parametrize(
    "prolog",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>',
        b'<?xml version="1.0"?><!-- x --><!ENTITY xxe SYSTEM "file:///etc/passwd">',
        b'<?xml version="1.0" encoding="UTF-7"?>',
        codecs.BOM_UTF16_LE + '<?xml version="1.0"?><!DOCTYPE x>'.encode("utf-16-le"),
    ],
    ids=["doctype", "entity", "utf7", "utf16-doctype"],
)
def test_xml_with_dtd_or_odd_encoding_is_refused(tmp_path: Path, prolog: bytes) -> None:
    source = _workbook(tmp_path / "b.xlsx")
    with zipfile.ZipFile(source) as book:
        shared = book.read("xl/sharedStrings.xml")
    body = shared[shared.index(b"<sst") :]
    if prolog.startswith(codecs.BOM_UTF16_LE):
        body = body.decode().encode("utf-16-le")
    path = _rezip(source, tmp_path / "xxe.xlsx", {"xl/sharedStrings.xml": prolog + body})
    assert _refusal(path).code == "reading.xml_unsafe"


def _compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors) holding ``streams`` of >= 4096 bytes."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    fat = [fat_sector, end]
    body = b""
    entries = [("Root Entry", 5, end, 0)]
    for name, data in streams.items():
        data = data.ljust(4096, b"\0")
        data += b"\0" * (-len(data) % 512)
        first = len(fat)
        count = len(data) // 512
        fat += list(range(first + 1, first + count)) + [end]
        entries.append((name, 2, first, len(data)))
        body += data
    fat += [free] * (128 - len(fat))
    directory = b""
    for index, (name, kind, start, size) in enumerate(
        entries + [("", 0, 0, 0)] * (4 - len(entries))
    ):
        encoded = (name.encode("utf-16-le") + b"\0\0") if name else b""
        child = 1 if index == 0 and len(entries) > 1 else free
        right = index + 1 if 0 < index < len(entries) - 1 else free
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded),
            kind,
            1,
            free,
            right,
            child,
            b"\0" * 16,
            0,
            0,
            0,
            start,
            size,
        )
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("d0cf11e0a1b11ae1"),
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        end,
        0,
        end,
        0,
    )
    header += struct.pack("<109I", 0, *[free] * 108)
    return header + struct.pack("<128I", *fat) + directory + body


@pytest.mark.parametrize(
    ("name", "streams"),
    [
        ("salattu.xlsx", {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"x"}),
        (
            "salattu.xls",
            {
                "Workbook": struct.pack("<HH", 0x0809, 16)
                + b"\0" * 16
                + struct.pack("<HH", 0x002F, 6)
                + b"\1\0\1\0\1\0"
            },
        ),
    ],
)
def test_encrypted_workbooks(tmp_path: Path, name: str, streams: dict[str, bytes]) -> None:
    path = tmp_path / name
    path.write_bytes(_compound_file(streams))
    assert _refusal(path).code == "reading.encrypted"


def test_encrypted_ods(tmp_path: Path) -> None:
    path = tmp_path / "salattu.ods"
    manifest = (
        b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path='
        b'"content.xml"><manifest:encryption-data/></manifest:file-entry>'
        b"</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("META-INF/manifest.xml", manifest)
        ods.writestr("content.xml", b"\x93garbage")
    assert _refusal(path).code == "reading.encrypted"


def test_macro_only_workbook(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(tmp_path / "tyhja.xlsx")
    book.add_worksheet()
    book.close()
    path = _rezip(
        tmp_path / "tyhja.xlsx",
        tmp_path / "makro.xlsm",
        {"xl/vbaProject.bin": _compound_file({"VBA": b"Attribute"})},
    )
    assert _refusal(path).code == "reading.macro_only"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "taulukko.xls",
            b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>",
            "reading.not_spreadsheet",
        ),
        (
            "taulukko.xls",
            (
                b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:'
                b'office:spreadsheet"><Worksheet/></Workbook>'
            ),
            "reading.not_spreadsheet",
        ),
        ("muistio.xls", _compound_file({"WordDocument": b"\xec\xa5"}), "reading.not_spreadsheet"),
        ("taulukko.gnumeric", b"\x1f\x8b\x08\x00" + b"\0" * 40, "reading.unsupported_format"),
        ("skripti.py", b"import os\nprint(os.sep, 1, 2)\n", "reading.not_spreadsheet"),
        ("loki.xlsx", b"pelkka rivi tekstia\n", "reading.not_spreadsheet"),
    ],
)
def test_files_that_are_not_spreadsheets(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _refusal(path).code == code


def test_plain_zip_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "arkisto.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sample.txt", "hello")
    assert _refusal(path).code == "reading.not_spreadsheet"


# --- isolation ----------------------------------------------------------------------------


def _child_startup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """Make the child interpreter run ``code`` at start-up (via sitecustomize on its path)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(code, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))


def test_hanging_child_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _child_startup(tmp_path, monkeypatch, "import time\ntime.sleep(120)\n")
    error = _refusal(_workbook(tmp_path / "hidas.xlsx"), timeout_s=1.5)
    assert error.code == "reading.timeout"
    assert error.fields["seconds"] == 2
    assert "2 sekuntia" in error.message("fi") and "2 seconds" in error.message("en")


def test_crashing_child_is_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _child_startup(
        tmp_path, monkeypatch, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"
    )
    assert _refusal(_workbook(tmp_path / "kaatuu.xlsx")).code == "reading.unreadable"


def test_memory_limit_is_applied_in_the_child(tmp_path: Path) -> None:
    path = tmp_path / "iso.csv"
    path.write_bytes(b"a;b\n" * 10)
    assert _refusal(path, memory_mb=20).code == "reading.unreadable"


# --- messages --------------------------------------------------------------------------------


def test_every_rejection_code_has_both_languages_and_names_the_file() -> None:
    used = set()
    for source in READING_DIR.glob("*.py"):
        used |= set(re.findall(r'"(reading\.[a-z_]+)"', source.read_text(encoding="utf-8")))
    messages = catalogue()
    assert used and used <= set(messages)
    fields = {
        "file": "jäsenet.xlsx",
        "size_mb": 61,
        "limit_mb": 50,
        "format": "Numbers",
        "seconds": 60,
    }
    for code in used:
        error = ReadError(code, **fields)
        assert error.message("fi") != error.message("en")
        assert all("jäsenet.xlsx" in error.message(lang) for lang in ("fi", "en"))
