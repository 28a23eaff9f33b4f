"""The child process that parses one untrusted upload: ``python -m data.reading.worker``.

Arguments: the file, the name the user gave it, the number of an open file descriptor to
write the sheets to, a memory limit in MB and the parent's process id. The child first asks
the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``), so it never outlives a
killed import; then it caps its address space and parses the file. The sheets are written one
after another as Arrow IPC streams into the descriptor, an unnamed file the parent made (no
name on disk holds a person's name, even after a kill), and one JSON line on stdout tells the
parent the outcome: ``{"sheets": [{"name", "hidden", "offset", "size"}, ...]}`` or
``{"error": code, "fields": {...}}``. Everything is caught here, including pyo3's
PanicException (a BaseException), so only a hard crash (abort, signal) leaves the parent
without an answer.
"""

from __future__ import annotations

import ctypes
import importlib.abc
import json
import os
import resource
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


def _write_sheets(sheets: list, out_fd: int) -> list[dict]:
    import pyarrow as pa

    answer = []
    with os.fdopen(out_fd, "wb", closefd=False) as raw, pa.PythonFile(raw, mode="w") as sink:
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
    path, file_name, out_fd, memory_mb, parent_pid = argv
    die_with_parent(int(parent_pid))
    _limit_memory(int(memory_mb))
    sys.meta_path.insert(0, _WithoutPandas())
    answer = run(Path(path), file_name, int(out_fd))
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
