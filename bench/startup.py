"""Time from ``streamlit run app.py`` to the first answer of the app's health check."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health_seconds(db: Path, timeout_s: float = 60.0) -> float:
    """Seconds from starting the server on ``db`` until ``/_stcore/health`` answers "ok"."""
    port = _free_port()
    env = {**os.environ, "KLUSTERIMITTARI_DB": str(db)}
    start = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < timeout_s:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=1
                ) as answer:
                    if answer.read().strip() == b"ok":
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"no health answer within {timeout_s} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
