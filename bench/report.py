"""The benchmark results as Markdown tables, written between two markers in the docs page."""

from __future__ import annotations

import itertools
from pathlib import Path

START, END = "<!-- results:start -->", "<!-- results:end -->"


def _s(value: float) -> str:
    return f"{value:.3f}"


def _range(stats: dict) -> str:
    return f"{_s(stats['median'])} ({_s(stats['min'])}–{_s(stats['max'])})"


def _ratio(stats: dict) -> str:
    return f"{stats['median']:.2f}× ({stats['min']:.2f}–{stats['max']:.2f})"


def machine_table(machine: dict) -> list[str]:
    lines = ["| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine.items() if key != "libraries"]
    lines.append(
        "| libraries | "
        + ", ".join(f"{name} {version}" for name, version in machine["libraries"].items())
        + " |"
    )
    return lines


def import_table(imports: dict) -> list[str]:
    header = (
        "| input | size | klusterimittari import, s | pandas + openpyxl, s | reader alone, s "
        "| parse floor, s | pandas ÷ import | import ÷ reader | reader ÷ floor | import ÷ floor |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|---|"]
    for name, entry in imports.items():
        lines.append(
            f"| {name} ({entry['rows']:,} rows × {entry['columns']} columns) "
            f"| {entry['file_mib']:.1f} MiB | {_range(entry['import_s'])} "
            f"| {_range(entry['pandas_s'])} | {_range(entry['reader_s'])} "
            f"| {_range(entry['floor_s'])} | {_ratio(entry['pandas_over_import'])} "
            f"| {_ratio(entry['import_over_reader'])} | {_ratio(entry['reader_over_floor'])} "
            f"| {_ratio(entry['import_over_floor'])} |"
        )
    return lines


def stages_table(imports: dict) -> list[str]:
    """Where each import's time goes, by the stages its progress reports."""
    lines = [
        (
            "| input | parsing in the worker (incl. hand-over), s | detecting, typing, "
            "validating, s | loading (one transaction), s | after parsing ÷ reader alone |"
        ),
        "|---|---|---|---|---|",
    ]
    for name, entry in imports.items():
        stages = entry.get("stages_s")
        if not stages:
            continue
        after = stages["check"]["median"] + stages["load"]["median"]
        lines.append(
            f"| {name} | {_range(stages['parse'])} | {_range(stages['check'])} "
            f"| {_range(stages['load'])} | {after / entry['reader_s']['median']:.2f}× |"
        )
    return lines


def scale_table(points: list[dict]) -> list[str]:
    """The scale curve, with each step's cost against the step before (×10 work)."""
    lines = [
        (
            "| participations | clusters × years | indicator records | all indicators, s "
            "| export, s | page render median, s | slowest page, s | exceptions |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for point in points:
        lines.append(
            f"| {point['participations']:,} | {point['clusters']} × {point['years']} "
            f"| {point['records']:,} | {_range(point['indicators_s'])} "
            f"| {_range(point['export_s'])} | {_s(point['pages_median_s'])} "
            f"| {point['slowest_page']} {_s(point['slowest_page_s'])} | {point['exceptions']} |"
        )
    single = [p for p in points if p["clusters"] == 1]
    growth = [
        f"{b['participations'] // a['participations']}× the participations: indicators "
        f"{b['indicators_s']['median'] / a['indicators_s']['median']:.1f}×, export "
        f"{b['export_s']['median'] / a['export_s']['median']:.1f}×, pages "
        f"{b['pages_median_s'] / a['pages_median_s']:.1f}×"
        f" ({a['participations']:,} → {b['participations']:,})"
        for a, b in itertools.pairwise(single)
    ]
    return [*lines, "", *(f"- {line}" for line in growth)]


def browser_table(browser: dict | None) -> list[str]:
    """Per database: cold and warm first load, switches and deep links, page by page."""
    if not browser:
        return ["Not measured in the smoke run."]
    lines = []
    for name, entry in browser.items():
        pages = list(entry["deep_link_s"])
        lines += [
            (
                f"**{name}**: first load on a server that has just started "
                f"{_s(entry['cold_first_load_s'])} s; first load in a fresh browser "
                f"{_range(_stats(entry['first_load_s']))} s; page switch median "
                f"{_s(entry['switch_median_s'])} s (of which the script run until the page's "
                f"elements are in place {_s(entry['switch_run_median_s'])} s, the rest drawing the "
                f"charts); page by URL median "
                f"{_s(entry['deep_link_median_s'])} s."
            ),
            "",
            "| page | switch to it, s | opened by its URL, s |",
            "|---|---|---|",
            *(
                f"| {page} | {_range(_stats(entry['switch_s'][page]))} "
                f"| {_range(_stats(entry['deep_link_s'][page]))} |"
                for page in pages
            ),
            "",
        ]
    return lines


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"median": median, "min": ordered[0], "max": ordered[-1]}


def pages_table(pages: dict) -> list[str]:
    lines = ["| page | first render, s | repeated renders, s | exceptions |", "|---|---|---|---|"]
    for page, entry in pages.items():
        lines.append(
            f"| {page} | {_s(entry['first_s'])} | {_range(entry['repeat'])} "
            f"| {len(entry['exceptions'])} |"
        )
    return lines


def targets_table(targets: list[dict]) -> list[str]:
    lines = ["| target | measured | met |", "|---|---|---|"]
    lines += [
        f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |" for t in targets
    ]
    return lines


def markdown(results: dict) -> str:
    """The results section: machine, targets, and one table per measurement."""
    ind, exp, mem = results["indicators"], results["export"], results["memory"]
    rows = [
        (
            f"all indicators, every year ({ind['records']:,} records; {ind['cluster']})",
            f"first {_s(ind['first_s'])} s; warm {_range(ind['warm_s'])} s",
        ),
        (
            f"export workbook, {exp['rows']:,} indicator rows ({exp['cluster']})",
            f"{_range(exp['export_s'])} s; {exp['bytes'] / 2**20:.1f} MiB",
        ),
        (
            f"export workbook, benchmark cluster ({exp['small_rows']:,} rows)",
            f"{_range(exp['small_export_s'])} s",
        ),
        (
            (
                f"import of a {mem['file_mib']:.1f} MiB workbook ({mem['rows_loaded']:,} rows):"
                " peak RSS"
            ),
            (
                f"{mem['tree_peak_mib']:.0f} MiB (process tree, polled every 20 ms; importer peak "
                f"{mem['importer_peak_mib']:.0f} MiB, parsing worker peak "
                f"{mem['worker_peak_mib']:.0f} MiB, sum {mem['sum_peaks_mib']:.0f} MiB); "
                f"{mem['status']} in {mem['seconds']:.1f} s"
            ),
        ),
        *(
            [
                (
                    "the same workbook read by the reader alone in a fresh process: peak RSS",
                    (
                        f"{mem['reader']['peak_mib']:.0f} MiB ("
                        f"{mem['reader']['loaded_mib']:.0f} MiB with its libraries loaded, "
                        f"before reading) for {mem['reader']['arrow_mib']:.0f} MiB of Arrow "
                        "text columns handed over"
                    ),
                )
            ]
            if "reader" in mem
            else []
        ),
        (
            "app start (`streamlit run app.py`, demo database) until the health check answers",
            f"{_range(results['startup']['health_s'])} s",
        ),
    ]
    smoke = " (smoke sizes)" if results["smoke"] else ""
    parts = [
        (
            f"Run {results['finished']}, {results['repeats']} paired repetitions{smoke}; "
            "times are medians with the range."
        ),
        "",
        "### Machine",
        "",
        *machine_table(results["machine"]),
        "",
        "### Targets",
        "",
        *targets_table(results["targets"]),
        "",
        "### Import against the alternatives",
        "",
        *import_table(results["import"]),
        "",
        "Where the import's time goes (the stages its progress reports):",
        "",
        *stages_table(results["import"]),
        "",
        "### Indicators, export, memory",
        "",
        "| measurement | result |",
        "|---|---|",
        *(f"| {what} | {result} |" for what, result in rows),
        "",
        "### Pages (AppTest, demo cluster)",
        "",
        *pages_table(results["pages"]),
        "",
        "### Scale curve",
        "",
        *scale_table(results["scale"]),
        "",
        "### In the browser (Chromium, Playwright)",
        "",
        *browser_table(results["browser"]),
    ]
    return "\n".join(parts)


def write_doc(doc: Path, results: dict) -> None:
    """Replace the text between the markers of ``doc`` (appending them if missing)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    block = f"{START}\n{markdown(results)}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")
