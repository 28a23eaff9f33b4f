"""Large worksheets read in row windows give exactly the table of the whole sheet.

The thresholds are lowered here so small workbooks take the windowed path, window after window;
every case is compared with the same file read whole. Layouts the windows cannot serve (rows
without numbers, prefixed tags, rows out of order) fall back to the whole sheet.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest
import xlsxwriter

from data.reading import windows
from data.reading.errors import ReadError
from data.reading.excel import read_workbook
from data.reading.parse import parse
from tests.conftest import CORPUS, corpus_available

SMALL_WINDOW = 2048


def _whole(path: Path, fmt: str = "xlsx") -> list[tuple[str, bool, pa.Table]]:
    return read_workbook(path, fmt)


@pytest.fixture
def windowed(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """Every worksheet read in windows of 2 KB; the list collects each window's marker row."""
    monkeypatch.setattr(windows, "LARGE_SHEET_BYTES", 0)
    monkeypatch.setattr(windows, "WINDOW_BYTES", SMALL_WINDOW)
    seen: list[int | None] = []
    real = windows._window_table

    def spy(book: bytes, index: int, marker_row: int | None, marker: str) -> pa.Table:
        seen.append(marker_row)
        return real(book, index, marker_row, marker)

    monkeypatch.setattr(windows, "_window_table", spy)
    return seen


def _read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    whole = _whole(path)
    monkeypatch.setattr(windows, "LARGE_SHEET_BYTES", 0)
    monkeypatch.setattr(windows, "WINDOW_BYTES", SMALL_WINDOW)
    return whole, read_workbook(path, "xlsx")


def _same(whole: list, windowed: list) -> None:
    assert [(n, h) for n, h, _ in windowed] == [(n, h) for n, h, _ in whole]
    for (_, _, a), (_, _, b) in zip(whole, windowed, strict=True):
        assert b.combine_chunks().equals(a), (a.slice(0, 5).to_pylist(), b.slice(0, 5).to_pylist())


def _book(path: Path, *, constant_memory: bool) -> Path:
    """Sheets as exports have them: a title above the header, a gap, data from column B, dates,
    numbers and booleans, rows that grow wider further down, a blank stretch, a hidden sheet."""
    book = xlsxwriter.Workbook(path, {"constant_memory": constant_memory})
    date = book.add_format({"num_format": "d.m.yyyy"})
    sheet = book.add_worksheet("Osallistujat")
    sheet.write("B1", "Osallistujat 2024")
    sheet.write_row("B3", ["Nimi", "Päivä", "Määrä", "Läsnä"])
    for row in range(3, 400):
        if 150 <= row < 170:
            continue  # a blank stretch inside the data
        sheet.write_string(row, 1, f"Henkilö {row} ääkköset")
        sheet.write_datetime(row, 2, dt.datetime(2024, 1, 1) + dt.timedelta(days=row), date)
        sheet.write_number(row, 3, row / 7)
        sheet.write_boolean(row, 4, row % 3 == 0)
        if row > 300:
            sheet.write_string(row, 6, "leveämpi")  # column G only further down
    hidden = book.add_worksheet("Ohje")
    for row in range(120):
        hidden.write_string(row, 0, f"ohje {row}")
    hidden.hide()
    book.close()
    return path


@pytest.mark.parametrize("constant_memory", [False, True], ids=["shared strings", "inline"])
def test_windows_give_the_whole_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, constant_memory: bool
) -> None:
    path = _book(tmp_path / "iso.xlsx", constant_memory=constant_memory)
    whole = _whole(path)
    seen: list[int | None] = []
    monkeypatch.setattr(windows, "LARGE_SHEET_BYTES", 0)
    monkeypatch.setattr(windows, "WINDOW_BYTES", SMALL_WINDOW)
    real = windows._window_table
    monkeypatch.setattr(windows, "_window_table", lambda *args: seen.append(args[2]) or real(*args))
    _same(whole, read_workbook(path, "xlsx"))
    # Two sheets, each from its top window (no marker) on: many windows in all.
    assert len(seen) > 20 and seen[0] is None and seen.count(None) == 2


def _sheet_xml(rows: str, *, prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f"xmlns{':' + prefix if prefix else ''}"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet '
        f'{ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>"
    ).encode()


def _cells(numbers: list[int | None], *, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    out = []
    for index, number in enumerate(numbers):
        r = f' r="{number}"' if number is not None else ""
        ref = f' r="A{number}"' if number is not None else ""
        out.append(
            f'<{p}row{r}><{p}c{ref} t="inlineStr"><{p}is><{p}t>rivi {index} '
            f"{'x' * 200}</{p}t></{p}is></{p}c></{p}row>"
        )
    return "".join(out)


def _with_sheet(tmp_path: Path, xml: bytes) -> Path:
    """A workbook whose one worksheet part is ``xml``."""
    source = _book(tmp_path / "base.xlsx", constant_memory=True)
    target = tmp_path / "muokattu.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = xml if info.filename == "xl/worksheets/sheet1.xml" else old.read(info)
            new.writestr(info.filename, data)
    return target


UNFIT = {
    "rows without numbers": _sheet_xml(_cells([None] * 60)),
    "rows out of order": _sheet_xml(_cells([*range(40, 70), *range(1, 30)])),
    "prefixed tags": _sheet_xml(_cells(list(range(1, 60)), prefix="x"), prefix="x"),
}


@pytest.mark.parametrize("case", UNFIT)
def test_layouts_windows_cannot_serve_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    path = _with_sheet(tmp_path, UNFIT[case])
    whole, windowed = _read_both(path, monkeypatch)
    _same(whole, windowed)
    assert whole[0][2].num_rows >= 30


def test_numbered_rows_with_gaps_are_windowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windowed: list[int | None]
) -> None:
    path = _with_sheet(tmp_path, _sheet_xml(_cells([*range(2, 40), *range(1000, 1040)])))
    whole = _whole(path)
    monkeypatch.setattr(windows, "LARGE_SHEET_BYTES", 0)
    _same(whole, read_workbook(path, "xlsx"))
    assert len(windowed) > 10 and windowed[0] is None


def _corpus_workbooks() -> list[Path]:
    if not corpus_available():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm"))


@pytest.mark.parametrize(
    "path", _corpus_workbooks(), ids=lambda p: p.relative_to(CORPUS).as_posix()
)
def test_corpus_workbooks_read_the_same_in_windows(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every workbook of the hostile corpus gives the same sheets in windows, or the same
    refusal (the refusals come before the reader, or from calamine either way)."""
    try:
        whole = parse(path, path.name)
    except ReadError as refused:
        whole = refused
    monkeypatch.setattr(windows, "LARGE_SHEET_BYTES", 0)
    monkeypatch.setattr(windows, "WINDOW_BYTES", SMALL_WINDOW)
    if isinstance(whole, ReadError):
        with pytest.raises(ReadError) as again:
            parse(path, path.name)
        assert again.value.code == whole.code
    else:
        _same(whole, parse(path, path.name))
