"""Every file of the hostile corpus gets a clean outcome: sheets, or a bilingual rejection.

Each file goes through ``read_upload`` with its own timeout, so a hang ends as a ReadError
within that bound instead of stalling the run (no pytest-timeout needed). Files whose outcome is
certain are checked
against the table below.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from data.reading import RawSheet, ReadError, read_upload
from tests.conftest import CORPUS, require_corpus

require_corpus()

FILE_TIMEOUT_S = 60.0
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file())

# file -> rejection code, or the (sheet name, hidden) list it loads as
EXPECTED: dict[str, str | list[tuple[str, bool]]] = {
    "excelize/encryptAES.xlsx": "reading.encrypted",
    "excelize/encryptSHA1.xlsx": "reading.encrypted",
    "poi/protected_passtika.xlsx": "reading.encrypted",
    "poi/extenxls_pwd123.xlsx": "reading.encrypted",
    "poi/password.xls": "reading.encrypted",
    "poi/xor-encryption-abc.xls": "reading.encrypted",
    "python-calamine/password.xls": "reading.encrypted",
    "sheetjs/password_2002_40_xor.xls": "reading.encrypted",
    "sheetjs/password_2002_128_strong.xls": "reading.encrypted",
    "calamine/pass_protected.ods": "reading.encrypted",
    "poi/poc-xmlbomb.xlsx": "reading.xml_unsafe",
    "poi/poc-xmlbomb-empty.xlsx": "reading.xml_unsafe",
    "phpspreadsheet/utf8entity_xxe.xlsx": "reading.xml_unsafe",
    "phpspreadsheet/utf7white.xlsx": "reading.xml_unsafe",
    "phpspreadsheet/ebcdic.xlsx": "reading.xml_unsafe",
    "python-calamine/empty_file.xlsx": "reading.empty",
    "csv/phpspreadsheet_empty.csv": "reading.empty",
    "poi/empty.xls": "reading.empty",
    "disguised/column_width-html-renamed.xls": "reading.not_spreadsheet",
    "disguised/excel2003-spreadsheetml-iso8859-1-renamed.xls": "reading.not_spreadsheet",
    "disguised/html-iso8859-1-renamed.xls": "reading.not_spreadsheet",
    "disguised/plain-zip-renamed.xlsx": "reading.not_spreadsheet",
    "disguised/word_doc-renamed.xls": "reading.not_spreadsheet",
    "sheetjs/word_doc.doc": "reading.not_spreadsheet",
    "sheetjs/Attendance.numbers": "reading.unsupported_format",
    "phpspreadsheet/gzbomb.gnumeric": "reading.unsupported_format",
    "sheetjs/LO7322.fods": "reading.unsupported_format",
    "poi/testEXCEL_4.xls": "reading.unsupported_format",
    "calamine/vba.xlsm": "reading.macro_only",
    "poi/xlmmacro.xlsm": "reading.macro_only",
    "phpspreadsheet/oleloop.xls": "reading.unreadable",
    "calamine/ptgexp-truncated-operand.xls": "reading.unreadable",
    "poi/clusterfuzz-POIHSSFFuzzer-6537773940867072.xls": "reading.unreadable",
    "calamine/issue_594_dos.ods": "reading.unreadable",
    "python-calamine/base.xlsx": [("Sheet1", False), ("Sheet3", False)],
    "python-calamine/base.xlsb": [("Sheet1", False), ("Sheet3", False)],
    "python-calamine/base.xls": [("Sheet1", False)],
    "python-calamine/base.ods": [("Sheet1", False)],
    "fastexcel/fixture-sheets-different-visibilities.xlsx": [
        ("Visible", False),
        ("Hidden", True),
        ("VeryHidden", True),
    ],
    "poi/WithChartSheet.xlsx": [(f"Sheet{n}", False) for n in (1, 6, 5, 4, 3, 2)],
    "csv/phpspreadsheet_semicolon_separated.csv": [("phpspreadsheet_semicolon_separated", False)],
}


def _read(path: Path) -> list[RawSheet] | ReadError:
    """The outcome of one file, bounded by the reader's own timeout."""
    try:
        return read_upload(path, timeout_s=FILE_TIMEOUT_S)
    except ReadError as error:
        return error


@pytest.fixture(scope="module")
def outcomes() -> Iterator[dict[Path, Future]]:
    """Every file's outcome, read two at a time (each read is a child process)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {path: pool.submit(_read, path) for path in FILES}
        yield futures
        pool.shutdown(cancel_futures=True)


def test_expected_files_are_in_the_corpus() -> None:
    assert set(EXPECTED) <= {p.relative_to(CORPUS).as_posix() for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_corpus_file_has_a_clean_outcome(path: Path, outcomes: dict[Path, Future]) -> None:
    outcome = outcomes[path].result()
    if isinstance(outcome, ReadError):
        assert outcome.code != "reading.timeout"
        for lang in ("fi", "en"):
            assert path.name in outcome.message(lang)
        assert outcome.message("fi") != outcome.message("en")
        result: str | list[tuple[str, bool]] = outcome.code
    else:
        assert outcome and all(isinstance(sheet, RawSheet) for sheet in outcome)
        for sheet in outcome:
            assert sheet.table.num_rows > 0
            assert sheet.table.column_names[0] == "__row"
            assert sheet.table.column("__row").to_pylist() == sorted(
                set(sheet.table.column("__row").to_pylist())
            )
        result = [(sheet.name, sheet.hidden) for sheet in outcome]
    expected = EXPECTED.get(path.relative_to(CORPUS).as_posix())
    if expected is not None:
        assert result == expected


def test_xls_content_named_xlsx_is_read_as_xls(tmp_path: Path) -> None:
    renamed = tmp_path / "jasenet.xlsx"
    renamed.write_bytes((CORPUS / "python-calamine" / "base.xls").read_bytes())
    sheets = read_upload(renamed)
    assert [s.name for s in sheets] == ["Sheet1"]
    assert sheets[0].table.slice(0, 1).to_pylist()[0]["c0"] == "String"
