"""The child process that parses one untrusted upload: ``python -m data.reading.worker``.

Arguments: the file, the name the user gave it, an output folder and a memory limit in MB.
The address space is capped first, then the file is parsed; sheet i is written to
``sheet_path(out_dir, i)`` as an Arrow IPC file and one JSON line on stdout tells the parent
the outcome: ``{"sheets": [{"name", "hidden"}, ...]}`` or ``{"error": code, "fields": {...}}``.
Everything is caught here, including pyo3's PanicException (a BaseException), so only a
hard crash (abort, signal) leaves the parent without an answer.
"""

from __future__ import annotations

import importlib.abc
import json
import resource
import sys
import tempfile
from pathlib import Path


class _WithoutPandas(importlib.abc.MetaPathFinder):
    """pyarrow probes for pandas on its first conversion of Python values, which costs the
    child a third of its start-up; the child never needs pandas, so the probe finds none."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ImportError("pandas is not used while reading uploads")


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def sheet_path(out_dir: Path, index: int) -> Path:
    """Where the child writes sheet number ``index`` and the parent reads it."""
    return out_dir / f"sheet{index}.arrow"


def _write_sheets(sheets: list, out_dir: Path) -> list[dict]:
    import pyarrow as pa

    for index, (_, _, table) in enumerate(sheets):
        with (
            pa.OSFile(str(sheet_path(out_dir, index)), "wb") as sink,
            pa.ipc.new_file(sink, table.schema) as writer,
        ):
            writer.write_table(table)
    return [{"name": name, "hidden": hidden} for name, hidden, _ in sheets]


def run(path: Path, file_name: str, out_dir: Path) -> dict:
    """Parse and write the sheets; the outcome as the JSON-ready answer."""
    from data.reading.errors import ReadError
    from data.reading.parse import parse

    try:
        return {"sheets": _write_sheets(parse(path, file_name), out_dir)}
    except ReadError as exc:
        return {"error": exc.code, "fields": exc.fields}
    except BaseException as exc:  # noqa: BLE001 - panics, MemoryError: the file is unreadable
        return {
            "error": "reading.unreadable",
            "fields": {"file": file_name, "detail": f"{type(exc).__name__}: {exc}"[:300]},
        }


def main(argv: list[str]) -> int:
    path, file_name, out_dir, memory_mb = argv
    _limit_memory(int(memory_mb))
    sys.meta_path.insert(0, _WithoutPandas())
    tempfile.tempdir = out_dir  # scratch files die with the parent's folder, even on a kill
    answer = run(Path(path), file_name, Path(out_dir))
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
