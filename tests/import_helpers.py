"""Helpers for the importer tests: small workbooks written in the test, and table dumps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import openpyxl

from data.kinds import TABLES

# Every table an import or undo may change.
STATE_TABLES = (*(table.name for table in TABLES), "organisation")


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """Write an .xlsx with one sheet per entry, rows as given (None = empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def state(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The full, sorted contents of every table an import touches."""
    return {
        name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
        for name in STATE_TABLES
    }


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()
