"""Peak memory of one import: ``python -m bench.memory DB FILE`` imports FILE into DB.

The parent (``peak_rss``) polls /proc for the resident memory of the child and every process
under it (the importer parses in a worker process), so the peak is what the machine needed at
once, and of the importer and its parsing worker apart.
``python -m bench.memory --reader FILE`` (``reader_peak``) measures the workbook reader alone
(calamine through fastexcel, to Arrow) in a fresh process: the floor under the parsing
worker's peak, beside the size of the Arrow table it hands over.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_KIB = 4


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def peak_rss(db: Path, file: Path, interval_s: float = 0.02) -> dict[str, object]:
    """Import ``file`` in a child process: the peak summed RSS of its process tree seen by
    polling (what the machine needed at once), and the peaks of the importer alone and of its
    parsing workers alone (polled too: ``ru_maxrss`` would carry the benchmark process's own
    peak over the fork), whose sum is an upper bound, as the two peaks need not coincide."""
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.memory", str(db), str(file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = importer = workers = 0
    while child.poll() is None:
        sizes = {pid: _rss_kib(pid) for pid in _tree(child.pid)}
        own = sizes.pop(child.pid, 0)
        peak = max(peak, own + sum(sizes.values()))
        importer, workers = max(importer, own), max(workers, sum(sizes.values()))
        time.sleep(interval_s)
    report = json.loads(child.stdout.read().strip().splitlines()[-1])
    child.stdout.close()
    return {
        "tree_peak_mib": peak / 1024,
        "importer_peak_mib": importer / 1024,
        "worker_peak_mib": workers / 1024,
        "sum_peaks_mib": (importer + workers) / 1024,
        **report,
    }


def reader_peak(file: Path) -> dict[str, float]:
    """The reader alone in a fresh process: its resident memory once the libraries are loaded,
    its maximum while reading ``file``, and the Arrow size of the sheets read."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", "--reader", str(file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _reader(file: Path) -> int:
    from data.reading.excel import read_workbook

    before = _rss_kib(os.getpid()) / 1024
    sheets = read_workbook(file, "xlsx")
    arrow = sum(table.nbytes for _, _, table in sheets) / 2**20
    print(json.dumps({"loaded_mib": before, "peak_mib": _high_water_mib(), "arrow_mib": arrow}))
    return 0


def _high_water_mib() -> float:
    """This process's peak RSS since its ``exec`` (``VmHWM``; ``ru_maxrss`` would include the
    parent's peak, which Linux carries over the fork and ``exec``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str]) -> int:
    if argv[0] == "--reader":
        return _reader(Path(argv[1]))
    from data.importer import import_file
    from data.store import open_db

    db, file = (Path(a) for a in argv)
    con = open_db(db)
    start = time.perf_counter()
    report = import_file(con, file)
    elapsed = time.perf_counter() - start
    con.close()
    print(
        json.dumps(
            {
                "status": report.status,
                "message": report.message,
                "rows_loaded": report.rows_loaded,
                "seconds": elapsed,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
