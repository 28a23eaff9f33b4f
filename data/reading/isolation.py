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
from data.reading.tables import SheetData

ROOT = Path(__file__).resolve().parents[2]


def read_isolated(path: Path, file_name: str, timeout_s: float,
                  memory_mb: int) -> list[SheetData]:
    """The sheets the child parsed from ``path``; ReadError for every other outcome."""
    with tempfile.TemporaryDirectory(prefix="reading-") as folder:
        command = [sys.executable, "-m", "data.reading.worker", str(path.resolve()), file_name,
                   folder, str(memory_mb)]
        try:
            done = subprocess.run(command, cwd=ROOT, env=_child_env(), capture_output=True,
                                  timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReadError("reading.timeout", file=file_name,
                            seconds=_seconds(timeout_s)) from exc
        answer = _answer(done.stdout)
        if answer is None:
            raise ReadError("reading.unreadable", file=file_name,
                            detail=f"exit {done.returncode}: {done.stderr[-300:]!r}")
        if "error" in answer:
            raise ReadError(answer["error"], **answer["fields"])
        return [(sheet["name"], bool(sheet["hidden"]),
                 pa.ipc.open_file(pa.memory_map(str(Path(folder) / sheet["file"]))).read_all())
                for sheet in answer["sheets"]]


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
