"""Timing helpers and the two baselines the importer is compared with.

- the naive stack: pandas ``read_excel`` with openpyxl, then a DuckDB table from the frame;
- the parse floor: every sheet's XML (and the shared strings) unzipped and run through expat,
  a C parser, with no handlers: the least work any xlsx reader must do.

Between the two stands the reader alone: calamine (fastexcel) in this process, without the
isolated worker or anything after parsing, which shows how much of the floor ratio parsing
itself takes.
"""

from __future__ import annotations

import statistics
import time
import xml.parsers.expat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from i18n import t

CHUNK = 1 << 20
T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    """Wall time of one call, and what it returned."""
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def seconds(action: Callable[[], object]) -> float:
    """Wall time of one call."""
    return timed(action)[0]


def summary(values: list[float]) -> dict[str, float | int]:
    """Median and range of repeated measurements."""
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
    }


def parse_floor(path: Path) -> None:
    """Unzip each worksheet and the shared strings and parse the XML without building values."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
                continue
            if not name.endswith(".xml"):
                continue
            parser = xml.parsers.expat.ParserCreate()
            with zf.open(name) as member:
                for block in iter(lambda: member.read(CHUNK), b""):
                    parser.Parse(block, False)
            parser.Parse(b"", True)


# The import's stages as its progress names them (``data.importer``, in Finnish by default):
# reading (parsing in the worker), checking (detecting, typing, validating and the register
# preview), loading (one transaction).
IMPORT_STAGES = ("parse", "check", "load")
_STAGE_TEXTS = {
    t(f"data.progress.{key}", "fi"): stage
    for key, stage in (("read", "parse"), ("check", "check"), ("load", "load"))
}


class StageClock:
    """An import's ``progress`` callback that notes when each stage begins."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.begun: dict[str, float] = {}

    def progress(self, _share: float, text: str) -> None:
        stage = _STAGE_TEXTS.get(text)
        if stage is not None and stage not in self.begun:
            self.begun[stage] = time.perf_counter()

    def stages(self) -> dict[str, float]:
        """Seconds of each stage: from the call's start (the first stage) or the stage's first
        report to the next stage's, the last until now."""
        end = time.perf_counter()
        marks = [self.start, *(self.begun.get(s, end) for s in IMPORT_STAGES[1:]), end]
        return {s: b - a for s, a, b in zip(IMPORT_STAGES, marks, marks[1:], strict=False)}


def reader_alone(path: Path) -> None:
    """The importer's workbook reader in this process: calamine to Arrow text columns."""
    from data.reading.excel import read_workbook

    read_workbook(path, "xlsx")


def pandas_openpyxl(path: Path, header_row: int) -> None:
    """The naive stack: every sheet read by pandas with openpyxl, each loaded into DuckDB."""
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl", header=header_row)
    con = duckdb.connect()
    try:
        for index, frame in enumerate(frames.values()):
            con.register("frame", frame)
            con.execute(f"CREATE TABLE sheet_{index} AS SELECT * FROM frame")
            con.unregister("frame")
    finally:
        con.close()
