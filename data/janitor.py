"""A watcher that empties a folder if this process dies while it holds clear personal data.

An import stages an attendance list's names and e-mails in DuckDB temp tables before hashing
them, and a large one spills those tables to the database's temp folder. When the import's
process is killed (SIGKILL runs no cleanup), the spill files would stay readable on disk.
``guard`` starts a small watcher in its own session (so a kill of the process group spares
it) that waits on a pipe: when the import ends it is told so and leaves; when the pipe closes
without that word (the kernel closes it when the process dies) it empties the folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DONE = b"done"
_WATCH = """
import shutil, sys
from pathlib import Path
if sys.stdin.buffer.read() != b"done":
    for leftover in Path(sys.argv[1]).iterdir():
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
"""


@contextmanager
def guard(folder: Path | None) -> Iterator[None]:
    """Empty ``folder`` if this process dies inside the block (None: nothing to guard)."""
    if folder is None:
        yield
        return
    read_end, write_end = os.pipe()  # not inherited by other children (close-on-exec)
    try:
        watcher = subprocess.Popen(
            [sys.executable, "-S", "-c", _WATCH, str(folder)],
            stdin=read_end,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        os.close(read_end)
    try:
        yield
    finally:
        os.write(write_end, DONE)
        os.close(write_end)
        watcher.wait(timeout=30)
