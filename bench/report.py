"""The benchmark results as Markdown tables, written between two markers in the docs page."""

from __future__ import annotations

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
        "| input | size | klusterimittari import, s | pandas + openpyxl, s "
        "| parse floor, s | import ÷ floor | pandas ÷ import "
        "| reader alone, s | reader ÷ floor |"
    )
    lines = [header, "|---|---|---|---|---|---|---|---|---|"]
    for name, entry in imports.items():
        lines.append(
            f"| {name} ({entry['rows']:,} rows × {entry['columns']} columns) "
            f"| {entry['file_mib']:.1f} MiB | {_range(entry['import_s'])} "
            f"| {_range(entry['pandas_s'])} | {_range(entry['floor_s'])} "
            f"| {_ratio(entry['import_over_floor'])} | {_ratio(entry['pandas_over_import'])} "
            f"| {_range(entry['reader_s'])} | {_ratio(entry['reader_over_floor'])} |"
        )
    return lines


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
                f"{mem['importer_maxrss_mib']:.0f} MiB, parsing worker peak "
                f"{mem['worker_maxrss_mib']:.0f} MiB, sum {mem['sum_maxrss_mib']:.0f} MiB); "
                f"{mem['status']} in {mem['seconds']:.1f} s"
            ),
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
        "### Indicators, export, memory",
        "",
        "| measurement | result |",
        "|---|---|",
        *(f"| {what} | {result} |" for what, result in rows),
        "",
        "### Pages (AppTest, demo cluster)",
        "",
        *pages_table(results["pages"]),
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
