"""The child process that parses one untrusted upload: ``python -m data.reading.worker``.

Arguments: the number of an open file descriptor to write the sheets to, the parent's process
id and how many seconds to wait for work. The child first asks the kernel to kill it when its
parent dies (``PR_SET_PDEATHSIG``), so it never outlives a killed import; then it imports its
parsers and waits for one job on stdin, a JSON line ``{"path", "file_name", "memory_mb"}``
(the parent starts the next worker ahead of time, so an upload does not wait for an
interpreter and pyarrow to start). It caps its address space, parses the file, writes the
sheets one after another as Arrow IPC streams into the descriptor, an unnamed file the parent
made (no name on disk holds a person's name, even after a kill), prints one JSON line on stdout
and exits: ``{"sheets": [{"name", "hidden", "offset", "size"}, ...]}`` or
``{"error": code, "fields": {...}}``. A worker parses one file only: every upload gets a fresh
process that has never seen another file. Everything is caught here, including pyo3's
PanicException (a BaseException), so only a hard crash (abort, signal) leaves the parent
without an answer. A worker left waiting longer than its idle time, or whose stdin closes
without a job, exits without a word.
"""

from __future__ import annotations

import ctypes
import importlib.abc
import json
import os
import resource
import select
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1  # linux/prctl.h


class _WithoutPandas(importlib.abc.MetaPathFinder):
    """pyarrow probes for pandas on its first conversion of Python values, which costs the
    child a third of its start-up; the child never needs pandas, so the probe finds none."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ImportError("pandas is not used while reading uploads")


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def die_with_parent(parent_pid: int) -> None:
    """Be killed when the parent dies; exit at once if it already has (the signal is only
    armed from here on)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def _warm_up() -> None:
    """Import what parsing needs before any file arrives."""
    import fastexcel  # noqa: F401
    import pyarrow  # noqa: F401

    import data.reading.csv_text
    import data.reading.excel
    import data.reading.parse  # noqa: F401


def _job(idle_s: float) -> dict | None:
    """The one job from stdin, or None when none arrives in ``idle_s`` or stdin closes."""
    ready, _, _ = select.select([sys.stdin], [], [], idle_s)
    if not ready:
        return None
    line = sys.stdin.readline()
    try:
        job = json.loads(line) if line else None
    except json.JSONDecodeError:
        return None
    return job if isinstance(job, dict) else None


def _write_sheets(sheets: list, out_fd: int) -> list[dict]:
    import pyarrow as pa

    answer = []
    # The descriptor's file is written through /proc (no Python object per write).
    with pa.OSFile(f"/proc/self/fd/{out_fd}", "wb") as sink:
        for name, hidden, table in sheets:
            offset = sink.tell()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            answer.append(
                {"name": name, "hidden": hidden, "offset": offset, "size": sink.tell() - offset}
            )
    return answer


def run(path: Path, file_name: str, out_fd: int) -> dict:
    """Parse and write the sheets; the outcome as the JSON-ready answer."""
    from data.reading.errors import ReadError
    from data.reading.parse import parse

    try:
        return {"sheets": _write_sheets(parse(path, file_name), out_fd)}
    except ReadError as exc:
        return {"error": exc.code, "fields": exc.fields}
    except BaseException as exc:  # noqa: BLE001 - panics, MemoryError: the file is unreadable
        return {
            "error": "reading.unreadable",
            "fields": {"file": file_name, "detail": f"{type(exc).__name__}: {exc}"[:300]},
        }


def main(argv: list[str]) -> int:
    out_fd, parent_pid, idle_s = argv
    die_with_parent(int(parent_pid))
    sys.meta_path.insert(0, _WithoutPandas())
    _warm_up()
    job = _job(float(idle_s))
    if job is None:
        return 0
    _limit_memory(int(job["memory_mb"]))
    answer = run(Path(job["path"]), str(job["file_name"]), int(out_fd))
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
