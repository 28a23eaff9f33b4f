"""``python -m bench.run [--smoke]``: generate large inputs, time everything, write the results.

Full run (``make bench``): a 200,000-row attendance workbook, a 50,000 × 40 survey export, a
10,000-organisation member register and a ~50 MB workbook; indicators on a 1,000-member /
300-event / 100,000-participation cluster; an export of 10,000 indicator rows; every page on
the demo. Writes ``bench/results.json`` and the tables in ``docs/benchmarks.md``.
``--smoke`` runs the same code on tiny inputs and writes only where told (``--out``/``--doc``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench import generate, measure, memory, pages, report, startup
from bench.cluster import synthetic_cluster
from data import reading
from data.demo import load_demo
from data.importer import import_file
from data.store import open_db
from export.workbook import export_workbook
from indicators.compute import compute
from indicators.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
HEADER_ROW = 2  # generated sheets: a title row, a blank row, then the header
FULL = {
    "attendance_rows": 200_000,
    "survey_rows": 50_000,
    "survey_columns": 40,
    "members": 10_000,
    "large_bytes": 50_000_000,
    "cluster_members": 1_000,
    "cluster_events": 300,
    "cluster_participations": 100_000,
    "export_rows": 10_000,
    "scale": (10_000, 100_000, 1_000_000),
    "scale_clusters": 3,
    "scale_years": 10,
    "browser_rounds": 1,
    "repeats": 3,
}
SMOKE = {
    "attendance_rows": 2_000,
    "survey_rows": 200,
    "survey_columns": 40,
    "members": 100,
    "large_bytes": 1_000_000,
    "cluster_members": 50,
    "cluster_events": 20,
    "cluster_participations": 2_000,
    "export_rows": 300,
    "scale": (1_000, 10_000),
    "scale_clusters": 2,
    "scale_years": 3,
    "browser_rounds": 0,
    "repeats": 1,
}
LIBRARIES = (
    "duckdb",
    "fastexcel",
    "pyarrow",
    "pandas",
    "openpyxl",
    "xlsxwriter",
    "streamlit",
    "plotly",
    "argon2-cffi",
)
CLUSTER_YEARS = 4


def log(text: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {text}", file=sys.stderr, flush=True)


def machine() -> dict[str, object]:
    """CPU, cores, memory, Python and library versions of the machine the run is on."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    kib = next(
        (int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "ram": f"{kib / 2**20:.1f} GiB",
        "load average at start (1, 5, 15 min)": ", ".join(
            f"{load:.2f}" for load in os.getloadavg()
        ),
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": {name: importlib.metadata.version(name) for name in LIBRARIES},
    }


def compare_import(
    folder: Path, name: str, file: Path, options: dict, rows: int, columns: int, repeats: int
) -> dict[str, object]:
    """Paired repetitions of parse floor, reader alone, the real import (fresh database) and
    pandas. The import finds its parsing worker started ahead, as the app's upload page and a
    multi-file command have it (``reading.warm``, outside the timing)."""
    floor, reader, real, naive = [], [], [], []
    stages: dict[str, list[float]] = {stage: [] for stage in measure.IMPORT_STAGES}
    reading.warm()
    for run in range(repeats):
        floor.append(measure.seconds(lambda: measure.parse_floor(file)))
        reader.append(measure.seconds(lambda: measure.reader_alone(file)))
        con = open_db(folder / f"import_{name}_{run}.duckdb")
        clock = measure.StageClock()
        elapsed, outcome = measure.timed(
            partial(import_file, con, file, progress=clock.progress, **options)
        )
        con.close()
        real.append(elapsed)
        for stage, seconds in clock.stages().items():
            stages[stage].append(seconds)
        if outcome.status != "loaded":
            raise RuntimeError(f"{name}: import {outcome.status}: {outcome.summary('en')}")
        reading.warm()  # the next worker starts while pandas runs
        naive.append(measure.seconds(lambda: measure.pandas_openpyxl(file, HEADER_ROW)))
        log(
            f"  {name} #{run + 1}: floor {floor[-1]:.2f} s, reader {reader[-1]:.2f} s, "
            f"import {real[-1]:.2f} s, "
            f"pandas {naive[-1]:.2f} s"
        )
    return {
        "rows": rows,
        "columns": columns,
        "file_mib": file.stat().st_size / 2**20,
        "import_s": measure.summary(real),
        "pandas_s": measure.summary(naive),
        "floor_s": measure.summary(floor),
        "reader_s": measure.summary(reader),
        "reader_over_floor": measure.summary([r / f for r, f in zip(reader, floor)]),
        "import_over_floor": measure.summary([r / f for r, f in zip(real, floor)]),
        "import_over_reader": measure.summary([r / f for r, f in zip(real, reader)]),
        "pandas_over_import": measure.summary([n / r for n, r in zip(naive, real)]),
        "stages_s": {stage: measure.summary(values) for stage, values in stages.items()},
    }


def time_indicators(folder: Path, sizes: dict, repeats: int) -> dict[str, object]:
    con = open_db(folder / "cluster.duckdb")
    try:
        synthetic_cluster(
            con,
            members=sizes["cluster_members"],
            events=sizes["cluster_events"],
            participations=sizes["cluster_participations"],
            years=CLUSTER_YEARS,
        )
        registry = load_registry(con)  # the installation's custom indicators too
        results: list = []
        first = measure.seconds(lambda: results.extend(compute(con, registry, "bench")))
        warm = [measure.seconds(lambda: compute(con, registry, "bench")) for _ in range(repeats)]
        small_export = [
            measure.seconds(lambda: export_workbook(con, registry, "bench")) for _ in range(repeats)
        ]
    finally:
        con.close()
    cluster = (
        f"{sizes['cluster_members']:,} members, {sizes['cluster_events']} events, "
        f"{sizes['cluster_participations']:,} participations, {CLUSTER_YEARS} years"
    )
    return {
        "records": len(results),
        "cluster": cluster,
        "first_s": first,
        "warm_s": measure.summary(warm),
        "small_export_s": measure.summary(small_export),
        "small_rows": len(results),
    }


def time_export(folder: Path, sizes: dict, per_year: float, repeats: int) -> dict[str, object]:
    """Export of a cluster whose indicator table has at least ``export_rows`` rows: the
    benchmark cluster's activity spread over as many years as that takes."""
    years = math.ceil(sizes["export_rows"] / per_year) + 1
    con = open_db(folder / "export.duckdb")
    try:
        synthetic_cluster(
            con,
            members=sizes["cluster_members"],
            events=sizes["cluster_events"],
            participations=sizes["cluster_participations"],
            first_year=2025 - years + 1,
            years=years,
        )
        registry = load_registry(con)
        rows = len(compute(con, registry, "bench"))
        produced: list[bytes] = []
        times = [
            measure.seconds(lambda: produced.append(export_workbook(con, registry, "bench")))
            for _ in range(repeats)
        ]
    finally:
        con.close()
    return {
        "rows": rows,
        "cluster": f"same activity over {years} years",
        "export_s": measure.summary(times),
        "bytes": len(produced[-1]),
    }


def time_pages(folder: Path, repeats: int) -> dict[str, object]:
    db = folder / "demo.duckdb"
    con = open_db(db)
    try:
        statuses = {r.status for r in load_demo(con)}
    finally:
        con.close()
    if statuses != {"loaded"}:
        raise RuntimeError(f"demo import: {statuses}")
    raw = pages.render_times(db, repeats)
    return {
        page: {
            "first_s": entry["first_s"],
            "repeat": measure.summary(entry["repeat_s"]),
            "exceptions": entry["exceptions"],
        }
        for page, entry in raw.items()
    }


def _scale_point(
    db: Path, participations: int, clusters: int, years: int, repeats: int
) -> dict[str, object]:
    """Indicators (every year), export and every page at one size: ``clusters`` clusters of
    ``participations`` participations over ``years`` years each (1,000 members, 300 events)."""
    names = ["default", *(f"klusteri{n}" for n in range(2, clusters + 1))]
    con = open_db(db)
    try:
        for name in names:
            synthetic_cluster(
                con,
                cluster_id=name,
                participations=participations,
                first_year=2025 - years + 1,
                years=years,
            )
        registry = load_registry(con)
        records = len(compute(con, registry, "default"))
        indicators = [
            measure.seconds(lambda: compute(con, registry, "default")) for _ in range(repeats)
        ]
        export = [
            measure.seconds(lambda: export_workbook(con, registry, "default"))
            for _ in range(repeats)
        ]
    finally:
        con.close()
    rendered = pages.render_times(db, 1)
    page_s = {page: entry["repeat_s"][0] for page, entry in rendered.items()}
    slowest = max(page_s, key=page_s.get)
    return {
        "participations": participations,
        "clusters": clusters,
        "years": years,
        "records": records,
        "indicators_s": measure.summary(indicators),
        "export_s": measure.summary(export),
        "pages_median_s": statistics.median(page_s.values()),
        "slowest_page": slowest,
        "slowest_page_s": page_s[slowest],
        "exceptions": sum(len(entry["exceptions"]) for entry in rendered.values()),
    }


def time_scale(folder: Path, sizes: dict, repeats: int) -> list[dict[str, object]]:
    """The scale curve: each size ten times the one before (one cluster over four years), and
    ``scale_clusters`` clusters of ``scale_years`` years at the largest size."""
    points = [
        _scale_point(folder / f"scale_{n}.duckdb", n, 1, CLUSTER_YEARS, repeats)
        for n in sizes["scale"]
    ]
    largest = sizes["scale"][-1]
    points.append(
        _scale_point(
            folder / "scale_clusters.duckdb",
            largest,
            sizes["scale_clusters"],
            sizes["scale_years"],
            repeats,
        )
    )
    return points


def time_browser(folder: Path, sizes: dict) -> dict[str, object] | None:
    """First load, page switches and deep links in Chromium, on the demo and on the benchmark
    cluster (made the default cluster); None in the smoke run."""
    if not sizes["browser_rounds"]:
        return None
    from bench.browser import browser_times

    cluster_db = folder / "browser_cluster.duckdb"
    con = open_db(cluster_db)
    try:
        synthetic_cluster(
            con,
            cluster_id="default",
            members=sizes["cluster_members"],
            events=sizes["cluster_events"],
            participations=sizes["cluster_participations"],
            years=CLUSTER_YEARS,
        )
    finally:
        con.close()
    # A demo database of its own: the page renders before left this process's cached
    # connection open on demo.duckdb, and DuckDB lets one process at a time open a file.
    demo_db = folder / "browser_demo.duckdb"
    con = open_db(demo_db)
    try:
        load_demo(con)
    finally:
        con.close()
    key = folder / "browser.key"
    return {
        name: browser_times(db, key, sizes["browser_rounds"])
        for name, db in (("demo", demo_db), ("benchmark cluster", cluster_db))
    }


def time_startup(folder: Path, repeats: int) -> dict[str, object]:
    """Start of the app on the demo database until its health check answers."""
    return {
        "health_s": measure.summary(
            [startup.health_seconds(folder / "demo.duckdb") for _ in range(repeats)]
        )
    }


# Issue 15's targets of the import, per input: (at least × faster than pandas + openpyxl,
# at most × the reader alone or None).
IMPORT_TARGETS = {"attendance": (12, 1.5), "survey": (12, None), "members": (5, None)}
MEMORY_TARGET_MIB = 600
INDICATORS_AT_SCALE_S = 1.0
FIRST_LOAD_S, SWITCH_S = 2.0, 0.6


def _target(target: str, measured: str, met: bool) -> dict[str, object]:
    return {"target": target, "measured": measured, "met": met}


def targets(results: dict) -> list[dict[str, object]]:
    """Each target with what was measured and whether it holds."""
    out = []
    for name, (faster, over_reader) in IMPORT_TARGETS.items():
        entry = results["import"][name]
        speedup = entry["pandas_over_import"]["median"]
        out.append(
            _target(
                f"import {name} ≥ {faster}× faster than pandas + openpyxl",
                f"{speedup:.1f}×",
                speedup >= faster,
            )
        )
        if over_reader is not None:
            ratio = entry["import_over_reader"]["median"]
            out.append(
                _target(
                    f"import {name} ≤ {over_reader}× the reader alone",
                    f"{ratio:.2f}×",
                    ratio <= over_reader,
                )
            )
    mem = results["memory"]
    out.append(
        _target(
            f"~50 MB workbook imports in ≤ {MEMORY_TARGET_MIB} MiB peak RSS (process tree)",
            f"{mem['tree_peak_mib']:.0f} MiB, {mem['status']}",
            mem["tree_peak_mib"] <= MEMORY_TARGET_MIB and mem["status"] == "loaded",
        )
    )
    largest = max(
        (p for p in results["scale"] if p["clusters"] == 1), key=lambda p: p["participations"]
    )
    warm = largest["indicators_s"]["median"]
    out.append(
        _target(
            f"all indicators at {largest['participations']:,} participations "
            f"≤ {INDICATORS_AT_SCALE_S:g} s",
            f"{warm:.3f} s",
            warm <= INDICATORS_AT_SCALE_S,
        )
    )
    for name, browser in (results["browser"] or {}).items():
        first = statistics.median(browser["first_load_s"])
        switch = browser["switch_median_s"]
        out.append(
            _target(
                f"Chromium, {name}: first load ≤ {FIRST_LOAD_S:g} s (median)",
                f"{first:.2f} s",
                first <= FIRST_LOAD_S,
            )
        )
        out.append(
            _target(
                f"Chromium, {name}: page switch ≤ {SWITCH_S:g} s (median)",
                f"{switch:.2f} s",
                switch <= SWITCH_S,
            )
        )
    export = results["export"]["export_s"]["median"]
    out.append(
        _target(
            f"export of {results['export']['rows']:,} rows ≤ 1.5 s",
            f"{export:.3f} s",
            export <= 1.5,
        )
    )
    slowest = max(results["pages"].items(), key=lambda kv: kv[1]["repeat"]["median"])
    failing = sum(1 for e in results["pages"].values() if e["exceptions"])
    out.append(
        _target(
            "every page ≤ 300 ms (server render, repeated)",
            f"slowest {slowest[0]} {slowest[1]['repeat']['median']:.3f} s; "
            f"{failing} pages with exceptions",
            slowest[1]["repeat"]["median"] <= 0.3 and failing == 0,
        )
    )
    health = results["startup"]["health_s"]["median"]
    out.append(
        _target(
            "app answers its health check ≤ 3 s after start",
            f"{health:.2f} s",
            health <= 3.0,
        )
    )
    return out


def run(sizes: dict, repeats: int, smoke: bool) -> dict[str, object]:
    results: dict[str, object] = {
        "smoke": smoke,
        "sizes": sizes,
        "repeats": repeats,
        "machine": machine(),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with tempfile.TemporaryDirectory(prefix="km-bench-") as tmp:
        folder = Path(tmp)
        log("generating inputs")
        inputs = {
            "attendance": (
                generate.attendance_workbook(
                    folder / "osallistujat.xlsx", sizes["attendance_rows"]
                ),
                {},
                sizes["attendance_rows"],
                9,
            ),
            "survey": (
                generate.survey_workbook(
                    folder / "kysely.xlsx", sizes["survey_rows"], sizes["survey_columns"]
                ),
                {"survey_year": 2025, "invited": sizes["survey_rows"] * 2},
                sizes["survey_rows"],
                sizes["survey_columns"],
            ),
            "members": (
                generate.members_workbook(folder / "jasenet.xlsx", sizes["members"]),
                {},
                sizes["members"],
                14,
            ),
        }
        large = generate.sized_attendance_workbook(folder / "suuri.xlsx", sizes["large_bytes"])
        results["import"] = {}
        for name, (file, options, rows, columns) in inputs.items():
            log(f"import {name}")
            results["import"][name] = compare_import(
                folder, name, file, options, rows, columns, repeats
            )
        log("indicators")
        results["indicators"] = time_indicators(folder, sizes, repeats)
        per_year = results["indicators"]["records"] / CLUSTER_YEARS
        log("export")
        results["export"] = {
            **time_export(folder, sizes, per_year, repeats),
            "small_export_s": results["indicators"].pop("small_export_s"),
            "small_rows": results["indicators"].pop("small_rows"),
        }
        log("pages")
        results["pages"] = time_pages(folder, repeats)
        log("startup")
        results["startup"] = time_startup(folder, repeats)
        log("scale curve")
        results["scale"] = time_scale(folder, sizes, repeats)
        log("browser")
        results["browser"] = time_browser(folder, sizes)
        log("memory")
        results["memory"] = {
            "file_mib": large.stat().st_size / 2**20,
            **memory.peak_rss(folder / "large.duckdb", large),
            "reader": memory.reader_peak(large),
        }
    results["targets"] = targets(results)
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny inputs (CI)")
    parser.add_argument("--repeats", type=int, help="paired repetitions (default 3; smoke 1)")
    parser.add_argument("--out", type=Path, help="results JSON (default bench/results.json)")
    parser.add_argument("--doc", type=Path, help="docs page (default docs/benchmarks.md)")
    args = parser.parse_args(argv)
    sizes = SMOKE if args.smoke else FULL
    results = run(sizes, args.repeats or sizes["repeats"], args.smoke)
    out = args.out or (None if args.smoke else ROOT / "bench" / "results.json")
    doc = args.doc or (None if args.smoke else ROOT / "docs" / "benchmarks.md")
    if out is not None:
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if doc is not None:
        report.write_doc(doc, results)
    print(report.markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
