"""``docs/indicators.md``, generated from the registry (``make docs``; a test fails when stale).

Every built-in indicator with its recipient, data class, description, caveat and metrics (kind,
unit, inputs, SQL), then the shared rules of ``indicators/sql/rules.sql``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from indicators.model import Column, Family, Indicator, Outcomes, Query, SurveyItems
from indicators.registry import Registry, built_in
from indicators.rules import read_sql

DOC = Path(__file__).resolve().parents[1] / "docs" / "indicators.md"


def _kind(entry: Indicator, name: str) -> tuple[str, str]:
    """(kind, SQL file) of the metric ``name``."""
    for kind in entry.metrics:
        if name not in {m.name for m in kind.metrics}:
            continue
        if isinstance(kind, Column):
            return type(kind).__name__.lower(), f"`{entry.source}`"
        if isinstance(kind, Outcomes):
            return f"outcomes ({', '.join(kind.types)})", "`outcomes.sql`"
        if isinstance(kind, SurveyItems):
            return f"survey items ({', '.join(kind.items)})", "`survey_items.sql`"
        if isinstance(kind, Query | Family):
            return type(kind).__name__.lower(), f"`{kind.sql}`"
    return "reported", "custom"


def _indicator(entry: Indicator) -> list[str]:
    lines = [
        f"## {entry.code} {entry.name.en}",
        "",
        f"*{entry.name.fi}* · recipient `{entry.recipient}` · data class `{entry.data_class}`",
        "",
        entry.description.en,
        "",
        f"> {entry.caveat.en}",
        "",
        "| metric | kind | unit | inputs | SQL | label (fi) |",
        "|---|---|---|---|---|---|",
    ]
    for metric in entry.specs:
        kind, sql = _kind(entry, metric.name)
        inputs = ", ".join(metric.inputs)
        hidden = f", hidden below n = {metric.min_n}" if metric.min_n else ""
        lines.append(
            f"| `{metric.name}` | {kind}{hidden} | {metric.unit} | {inputs} | {sql}"
            f" | {metric.label.fi} |"
        )
    if entry.also_reads:
        lines += ["", f"Also reads, when imported: {', '.join(entry.also_reads)}."]
    if entry.reference:
        pairs = ", ".join(f"`{k}` {v:g}" for k, v in entry.reference.items())
        lines += ["", f"Reference: {pairs}."]
    return [*lines, ""]


def _rules() -> list[str]:
    """Each macro of ``rules.sql`` with the comment above it."""
    lines = ["## Shared rules (`indicators/sql/rules.sql`)", ""]
    for block in read_sql("rules.sql").split("\n\n"):
        match = re.search(r"CREATE OR REPLACE TEMP MACRO (\w+)\(([^)]*)\)", block)
        if not match:
            continue
        comment = " ".join(
            line.removeprefix("--").strip() for line in block.splitlines() if line.startswith("--")
        )
        lines.append(f"- `{match.group(1)}({match.group(2)})`: {comment}")
    lines.append(
        "- `funding_group(source_type)`: FUN-1's source groups (`indicators.rules.FUNDING_GROUPS`)."
    )
    return [*lines, ""]


def render(registry: Registry) -> str:
    lines = [
        "# Indicators",
        "",
        "Generated from the registry by `make docs` (`python -m tools.indicator_docs`); do not",
        "edit by hand. Each indicator is one entry in `indicators/builtin.py`; its SQL is in",
        "`indicators/sql/`. Results: SPEC 4; definitions: SPEC 5.",
        "",
    ]
    for entry in registry.values():
        lines += _indicator(entry)
    lines += _rules()
    return "\n".join(lines)


def main() -> int:
    DOC.write_text(render(built_in()), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
