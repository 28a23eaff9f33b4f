"""Run the parser in a separate interpreter with a memory cap and a wall-clock timeout.

One worker per file (``data.reading.standby`` starts the next one ahead of time); sheets come
back as Arrow IPC streams in one unnamed temporary file (``O_TMPFILE``) that the parent
memory-maps (no copy, no per-cell work). The file has no name and lives in a private folder
(mode 0700, swept of anything left at each start), so neither a finished nor a killed import
leaves a readable copy of the names and e-mails it read; the worker dies with its parent
(``worker.die_with_parent``). A timeout kills the worker; a crash, an abort or a missing answer
becomes "the file could not be read". Nothing from the worker is re-raised except the ReadError
it reports.
"""

from __future__ import annotations

import json
import math
import mmap
import os
import subprocess
from pathlib import Path
from typing import IO

import pyarrow as pa

from data.reading import standby
from data.reading.errors import ReadError
from data.reading.tables import ROW, SheetData
from i18n import catalogue


def read_isolated(path: Path, file_name: str, timeout_s: float, memory_mb: int) -> list[SheetData]:
    """The sheets the worker parsed from ``path``; ReadError for every other outcome.

    The worker's output goes to unnamed files, not pipes, so a flood of parser warnings costs
    disk, not the parent's memory; only the tail of each is read.
    """
    worker = standby.take()
    try:
        job = {"path": str(path.resolve()), "file_name": file_name, "memory_mb": memory_mb}
        try:
            worker.process.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
            worker.process.stdin.close()
        except OSError:
            pass  # the worker is gone: its missing answer says so below
        try:
            returncode = worker.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            raise ReadError("reading.timeout", file=file_name, seconds=_seconds(timeout_s)) from exc
        answer = _answer(_tail(worker.out))
        if answer is None:
            raise ReadError(
                "reading.unreadable",
                file=file_name,
                detail=f"exit {returncode}: {_tail(worker.err)!r}",
            )
        if "error" in answer:
            raise _reported(answer, file_name)
        try:
            data = _mapped(worker.sheets)
            return [
                (
                    str(sheet["name"]),
                    bool(sheet["hidden"]),
                    _load(data.slice(int(sheet["offset"]), int(sheet["size"]))),
                )
                for sheet in answer["sheets"]
            ]
        except (pa.ArrowException, OSError, KeyError, TypeError, ValueError) as exc:
            raise ReadError("reading.unreadable", file=file_name, detail=str(exc)[:300]) from exc
    finally:
        worker.close()


def _mapped(file: IO[bytes]) -> pa.Buffer:
    """The whole file as an Arrow buffer over a read-only memory map (it outlives the file
    object: the tables keep the mapping, and the kernel frees it with the last reference)."""
    size = os.fstat(file.fileno()).st_size
    if size == 0:
        return pa.py_buffer(b"")
    return pa.py_buffer(mmap.mmap(file.fileno(), size, access=mmap.ACCESS_READ))


def _tail(file: IO[bytes], size: int = 4096) -> bytes:
    file.seek(max(0, os.fstat(file.fileno()).st_size - size))
    return file.read()


def _load(data: pa.Buffer) -> pa.Table:
    """A sheet the child wrote, checked to have the reader's shape."""
    table = pa.ipc.open_stream(pa.BufferReader(data)).read_all()
    expected = pa.schema(
        [(ROW, pa.int32()), *((f"c{i}", pa.string()) for i in range(table.num_columns - 1))]
    )
    if not table.schema.equals(expected):
        raise ValueError(f"unexpected sheet schema {table.schema}")
    table.validate(full=True)
    return table


def _reported(answer: dict, file_name: str) -> ReadError:
    """The child's rejection; anything it could not have meant is an unreadable file."""
    code, fields = answer["error"], answer.get("fields")
    if code not in catalogue() or not code.startswith("reading.") or not isinstance(fields, dict):
        code, fields = "reading.unreadable", {}
    return ReadError(code, **{**fields, "file": file_name})


def _answer(stdout: bytes) -> dict | None:
    lines = stdout.decode("utf-8", errors="replace").strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        return None
    return answer if isinstance(answer, dict) else None


def _seconds(timeout_s: float) -> int:
    """Whole seconds for the message: the same digits read right in Finnish and English."""
    return math.ceil(timeout_s)
