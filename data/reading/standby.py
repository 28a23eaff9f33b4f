"""Parsing workers started ahead of time, so an upload does not wait for one to start.

Starting the isolated worker (an interpreter, pyarrow, numpy and fastexcel) takes about a
quarter of a second, longer than parsing a small file. ``warm()`` starts one worker that
imports its parsers and waits for a job (``data.reading.worker``); ``take()`` hands it to the
next upload, or starts a fresh one when none is waiting. A worker still parses exactly one
file: ``warm()`` after an import starts the next one.

Workers are started from one long-lived thread of this process: the kernel's parent-death
signal (``PR_SET_PDEATHSIG``) fires when the *thread* that started a child ends, and the app
runs each page in a short-lived thread. A waiting worker belongs to the environment it was
started in; when that changed (``PYTHONPATH``, ``TMPDIR``), it is replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from data.store import private_folder

ROOT = Path(__file__).resolve().parents[2]
IDLE_S = 15 * 60  # a waiting worker leaves after this long without an upload

_lock = threading.Lock()
_waiting: Worker | None = None
_starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reading-worker-starter")


@dataclass
class Worker:
    """A started worker and its unnamed output files (sheets, stdout, stderr)."""

    process: subprocess.Popen
    sheets: IO[bytes]
    out: IO[bytes]
    err: IO[bytes]
    env: dict[str, str]

    def close(self) -> None:
        """Stop the worker if it still runs and close its files."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdin is not None:
            self.process.stdin.close()
        for file in (self.sheets, self.out, self.err):
            file.close()


def private_dir() -> Path:
    """This user's private scratch folder (0700), emptied of anything an earlier run left."""
    return private_folder(Path(tempfile.gettempdir()) / f"klusterimittari-{os.getuid()}")


def child_env() -> dict[str, str]:
    """The environment a worker gets: this process's, with the project on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    env["RUST_BACKTRACE"] = "0"
    return env


def _start(env: dict[str, str]) -> Worker:
    folder = private_dir()
    env = {**env, "TMPDIR": str(folder)}  # any scratch file of a parser lands in the folder
    files = [tempfile.TemporaryFile(dir=folder) for _ in range(3)]  # noqa: SIM115 - Worker.close
    sheets, out, err = files
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "data.reading.worker",
                str(sheets.fileno()),
                str(os.getpid()),
                str(IDLE_S),
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
            pass_fds=(sheets.fileno(),),
        )
    except BaseException:
        for file in files:
            file.close()
        raise
    return Worker(process, sheets, out, err, {k: v for k, v in env.items() if k != "TMPDIR"})


def start(env: dict[str, str]) -> Worker:
    """A new worker for ``env``, started from the long-lived starter thread."""
    return _starter.submit(_start, env).result()


def take() -> Worker:
    """The waiting worker if it suits this process's environment now, else a new one."""
    global _waiting
    env = child_env()
    with _lock:
        worker, _waiting = _waiting, None
    if worker is not None and worker.env == env and worker.process.poll() is None:
        return worker
    if worker is not None:
        worker.close()
    return start(env)


def warm() -> None:
    """Have a worker waiting for the next upload (started in the background)."""
    env = child_env()
    with _lock:
        waiting = _waiting
        if waiting is not None and waiting.env == env and waiting.process.poll() is None:
            return
    _starter.submit(_keep, env)


def _keep(env: dict[str, str]) -> None:
    global _waiting
    worker = _start(env)
    with _lock:
        stale, _waiting = _waiting, worker
    if stale is not None:
        stale.close()
