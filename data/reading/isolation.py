"""Run the parser in a fresh interpreter with a memory cap and a wall-clock timeout.

One child per file; sheets come back as Arrow IPC files in a temporary folder, memory-mapped
by the parent (no copy, no per-cell work). A timeout kills the child; a crash, an abort or a
missing answer becomes "the file could not be read". Nothing from the child is re-raised
except the ReadError it reports.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa

from data.reading.errors import ReadError
from data.reading.tables import ROW, SheetData
from data.reading.worker import sheet_path
from i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]


def read_isolated(path: Path, file_name: str, timeout_s: float, memory_mb: int) -> list[SheetData]:
    """The sheets the child parsed from ``path``; ReadError for every other outcome.

    The child's output goes to files, not pipes, so a flood of parser warnings costs disk,
    not the parent's memory; only the tail of each is read.
    """
    with tempfile.TemporaryDirectory(prefix="reading-") as name:
        folder = Path(name)
        command = [
            sys.executable,
            "-m",
            "data.reading.worker",
            str(path.resolve()),
            file_name,
            str(folder),
            str(memory_mb),
        ]
        with (folder / "stdout").open("wb") as out, (folder / "stderr").open("wb") as err:
            try:
                done = subprocess.run(
                    command,
                    cwd=ROOT,
                    env=_child_env(),
                    stdout=out,
                    stderr=err,
                    timeout=timeout_s,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise ReadError(
                    "reading.timeout", file=file_name, seconds=_seconds(timeout_s)
                ) from exc
        answer = _answer(_tail(folder / "stdout"))
        if answer is None:
            raise ReadError(
                "reading.unreadable",
                file=file_name,
                detail=f"exit {done.returncode}: {_tail(folder / 'stderr')!r}",
            )
        if "error" in answer:
            raise _reported(answer, file_name)
        try:
            return [
                (str(sheet["name"]), bool(sheet["hidden"]), _load(sheet_path(folder, index)))
                for index, sheet in enumerate(answer["sheets"])
            ]
        except (pa.ArrowException, OSError, KeyError, TypeError, ValueError) as exc:
            raise ReadError("reading.unreadable", file=file_name, detail=str(exc)[:300]) from exc


def _tail(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - size))
        return fh.read()


def _load(path: Path) -> pa.Table:
    """A sheet the child wrote, memory-mapped, checked to have the reader's shape."""
    table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
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


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    env["RUST_BACKTRACE"] = "0"
    return env


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
