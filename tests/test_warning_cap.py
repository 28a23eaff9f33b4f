"""Repeated warnings are capped: the first ones are listed, the rest counted.

Before the fix, a member register with 16,382 unknown columns produced a 1.3 MB report of
16,382 warnings.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import xlsxwriter

from data.importer import MAX_REPEATED_WARNINGS, import_file
from data.report import WARNING

COLUMNS = 16_384  # the widest sheet Excel allows (A … XFD)


def wide_register(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Jäsenet")
    sheet.write_row(0, 0, ["Nimi", "Y-tunnus", *(f"Lisätieto {i}" for i in range(COLUMNS - 2))])
    sheet.write_row(1, 0, ["Alfa Oy", "1234567-1", *("x" for _ in range(COLUMNS - 2))])
    book.close()
    return path


def test_a_sheet_of_16384_columns_lists_20_warnings_and_counts_the_rest(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    report = import_file(con, wide_register(tmp_path / "jasenet.xlsx"))
    assert report.status == "loaded"
    unknown = [i for i in report.issues if i.code == "unknown_column"]
    assert len(unknown) == MAX_REPEATED_WARNINGS == 20
    assert [i.column for i in unknown[:2]] == ["Lisätieto 0", "Lisätieto 1"]
    assert all(i.severity == WARNING for i in unknown)
    # 16,382 unknown columns: 20 listed, 16,362 counted.
    assert report.issues_omitted == 16_362
    text = report.to_text("en")
    assert "… and 16362 more issues" in text
    assert len(text.encode("utf-8")) < 10_000
